using System.Globalization;
using System.Text.Json;
using BodyCam.Evidence.Domain.Evidence;

namespace BodyCam.Evidence.Infrastructure.Media;

internal sealed record FfprobeDescription(MediaFacts Facts, int? VideoStreamIndex);

/// <summary>Reads what <c>ffprobe -print_format json -show_format -show_streams</c> prints.</summary>
internal static class FfprobeOutput
{
    /// <returns><c>null</c> when ffprobe named no format, i.e. did not recognise the media.</returns>
    public static FfprobeDescription? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var format = Property(document.RootElement, "format");
        if (format is not { ValueKind: JsonValueKind.Object })
        {
            return null;
        }

        var streams = Property(document.RootElement, "streams") is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray()] : new List<JsonElement>();
        var video = streams.Where(IsMovingPicture).Select(stream => (JsonElement?)stream).FirstOrDefault();
        var audio = streams.Where(stream => Text(stream, "codec_type") == "audio").Select(stream => (JsonElement?)stream).FirstOrDefault();
        var facts = new MediaFacts(
            DurationSeconds: Real(format, "duration"),
            Container: Text(format, "format_name"),
            VideoCodec: Text(video, "codec_name"),
            AudioCodec: Text(audio, "codec_name"),
            Width: Integer(video, "width"),
            Height: Integer(video, "height"),
            FrameRate: Rational(Text(video, "avg_frame_rate")),
            BitRate: LongInteger(format, "bit_rate"),
            CreationTime: Time(Text(Property(format, "tags"), "creation_time")));
        return new FfprobeDescription(facts, Integer(video, "index"));
    }

    /// <summary>Cover art in an audio file is a one-picture "video" stream marked as an attached picture; it is not video.</summary>
    private static bool IsMovingPicture(JsonElement stream) =>
        Text(stream, "codec_type") == "video" && Integer(Property(stream, "disposition"), "attached_pic") != 1;

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } found && found.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>ffprobe writes most numbers as JSON strings ("duration": "2.000000") and a few as numbers ("width": 320).</summary>
    private static string? NumberText(JsonElement? element, string name) =>
        Property(element, name) is { } value && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : null;

    private static double? Real(JsonElement? element, string name) =>
        double.TryParse(NumberText(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;

    private static long? LongInteger(JsonElement? element, string name) =>
        long.TryParse(NumberText(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static int? Integer(JsonElement? element, string name) =>
        int.TryParse(NumberText(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>ffprobe writes rates as "25/1" or "30000/1001", and "0/0" when it does not know.</summary>
    private static double? Rational(string? text) =>
        text?.Split('/') is [var numerator, var denominator]
        && double.TryParse(numerator, NumberStyles.Float, CultureInfo.InvariantCulture, out var top)
        && double.TryParse(denominator, NumberStyles.Float, CultureInfo.InvariantCulture, out var bottom)
        && top > 0 && bottom > 0
            ? top / bottom
            : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
