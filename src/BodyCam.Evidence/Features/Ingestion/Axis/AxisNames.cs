using System.Globalization;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Recordings;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

public enum AxisContainerKind
{
    System,
    Users,
    Devices,
    Recording,
    RejectedContent,
    Unknown,
}

/// <summary>A container name read as the Axis Body Worn Integration API names containers.</summary>
public sealed record AxisContainer(AxisContainerKind Kind, string Name, string? UserId, string? DeviceSerial, DateTimeOffset? TriggerOnTime);

/// <summary>
/// The naming rules of the Axis Body Worn Integration API: reserved containers, recording containers
/// <c>&lt;UserID&gt;_&lt;BWCSerialNumber&gt;_&lt;YYYYMMDDTHHMMSSZ&gt;</c>, rejected content containers
/// <c>RejectedContent_&lt;time or UnknownTime&gt;_&lt;uuid&gt;</c>, and what an object's name says it is.
/// </summary>
public static partial class AxisNames
{
    public const string SystemContainer = "System";
    public const string UsersContainer = "Users";
    public const string DevicesContainer = "Devices";
    public const string CapabilitiesObject = "Capabilities.json";
    public const string CategoriesObject = "Categories.json";

    public static AxisContainer ReadContainer(string name)
    {
        switch (name)
        {
            case SystemContainer:
                return new AxisContainer(AxisContainerKind.System, name, null, null, null);
            case UsersContainer:
                return new AxisContainer(AxisContainerKind.Users, name, null, null, null);
            case DevicesContainer:
                return new AxisContainer(AxisContainerKind.Devices, name, null, null, null);
        }
        if (RejectedContainer().Match(name) is { Success: true } rejected)
        {
            return new AxisContainer(AxisContainerKind.RejectedContent, name, null, null, ParseTime(rejected.Groups["time"].Value));
        }
        return RecordingContainer().Match(name) is { Success: true } recording
            ? new AxisContainer(AxisContainerKind.Recording, name, recording.Groups["user"].Value, recording.Groups["serial"].Value, ParseTime(recording.Groups["time"].Value))
            : new AxisContainer(AxisContainerKind.Unknown, name, null, null, null);
    }

    public static RecordingObjectKind KindOf(string objectName) => objectName switch
    {
        _ when IsSegment(objectName) => RecordingObjectKind.Segment,
        _ when objectName.EndsWith(".key", StringComparison.OrdinalIgnoreCase) => RecordingObjectKind.EncryptionKey,
        _ when objectName.EndsWith("_gpstrail.json", StringComparison.OrdinalIgnoreCase) => RecordingObjectKind.GnssTrack,
        _ when objectName.StartsWith("bookmark_", StringComparison.OrdinalIgnoreCase) => RecordingObjectKind.Bookmark,
        _ => RecordingObjectKind.Other,
    };

    public static bool IsSegment(string objectName) => SegmentContentType(objectName) is not null;

    public static string? SegmentContentType(string objectName) => Path.GetExtension(objectName).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".mkv" => "video/x-matroska",
        _ => null,
    };

    private static DateTimeOffset? ParseTime(string value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex(@"^RejectedContent_(?<time>\d{8}T\d{6}Z|UnknownTime)_(?<id>[^_/]+)$")]
    private static partial Regex RejectedContainer();

    [GeneratedRegex(@"^(?<user>[^_/]+)_(?<serial>[^/]+)_(?<time>\d{8}T\d{6}Z)$")]
    private static partial Regex RecordingContainer();
}
