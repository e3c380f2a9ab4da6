using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// One custody event as it is hashed into the ledger. The canonical form is UTF-8 JSON with the properties
/// in the fixed order below, every property present (null when absent), no whitespace, time in UTC with
/// exactly six fractional digits, and strings escaped only where JSON requires it.
/// </summary>
public sealed record CustodyEntry(
    long Sequence,
    DateTimeOffset Time,
    string ActorId,
    string ActorKind,
    string? ActorRole,
    string? ClientIp,
    string Action,
    Guid? EvidenceId,
    string? ContentSha256,
    string? Reason,
    string Outcome)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly JsonWriterOptions CanonicalWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Both databases keep microseconds, so the hashed time never carries more than the stored row.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);
    }

    public byte[] ToCanonicalBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CanonicalWriter))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", Sequence);
            json.WriteString("time", Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
            json.WriteString("actorId", ActorId);
            json.WriteString("actorKind", ActorKind);
            json.WriteString("actorRole", ActorRole);
            json.WriteString("clientIp", ClientIp);
            json.WriteString("action", Action);
            json.WriteString("evidenceId", EvidenceId?.ToString("D"));
            json.WriteString("contentSha256", ContentSha256);
            json.WriteString("reason", Reason);
            json.WriteString("outcome", Outcome);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static CustodyEntry FromCanonicalBytes(ReadOnlySpan<byte> canonical)
    {
        using var document = JsonDocument.Parse(canonical.ToArray());
        var root = document.RootElement;
        string? Text(string name) => root.GetProperty(name).GetString();
        var evidenceId = Text("evidenceId");
        return new CustodyEntry(
            root.GetProperty("sequence").GetInt64(),
            DateTimeOffset.ParseExact(Text("time")!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Text("actorId")!,
            Text("actorKind")!,
            Text("actorRole"),
            Text("clientIp"),
            Text("action")!,
            evidenceId is null ? null : Guid.Parse(evidenceId),
            Text("contentSha256"),
            Text("reason"),
            Text("outcome")!);
    }
}
