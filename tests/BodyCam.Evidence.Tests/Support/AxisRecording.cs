using System.Globalization;
using System.Security.Cryptography;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// A recording named and described the way a system controller uploads it: a container
/// <c>&lt;UserUUID&gt;_&lt;BWCSerialNumber&gt;_&lt;TriggerOnTime&gt;</c> carrying the recording's metadata, clips named
/// <c>&lt;StartTime&gt;_&lt;RecordingID&gt;.mp4</c>, a GNSS trail and bookmarks.
/// </summary>
internal sealed class AxisRecording
{
    public AxisRecording(string userUuid, string bwcSerial, DateTimeOffset triggerOnTime)
    {
        UserUuid = userUuid;
        BwcSerial = bwcSerial;
        TriggerOnTime = triggerOnTime.ToUniversalTime();
        Metadata = new Dictionary<string, string>
        {
            ["ContainerName"] = ContainerName,
            ["BWCSerialNumber"] = BwcSerial,
            ["SCUSerialNumber"] = ScuSerial,
            ["FirmwareVersion"] = "11.8.63",
            ["UserID"] = UserUuid,
            ["TriggerOn"] = "Button",
            ["TriggerOff"] = "Button",
            ["TriggerOnTime"] = Epoch(TriggerOnTime),
            ["TriggerOnTimeISO"] = Iso(TriggerOnTime),
            ["TriggerOnLocation"] = Location(55.718409, 13.221184, TriggerOnTime),
            ["StartTimeISO"] = Iso(TriggerOnTime),
            ["StopTimeISO"] = Iso(TriggerOnTime.AddMinutes(1)),
            ["TimeZone"] = "Europe/Stockholm",
            ["BWCModel"] = "W110",
            ["Status"] = "Transferring",
        };
    }

    /// <summary>A recording by a new officer on a new camera, triggered at a whole second.</summary>
    public static AxisRecording New(DateTimeOffset? triggerOnTime = null) =>
        new(Guid.NewGuid().ToString(), NewSerial(), triggerOnTime ?? new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public string UserUuid { get; }
    public string BwcSerial { get; }
    public string ScuSerial { get; } = NewSerial();
    public DateTimeOffset TriggerOnTime { get; }

    /// <summary>The specification's "short, random number", the same for every clip of the recording.</summary>
    public string RecordingId { get; } = RandomNumberGenerator.GetInt32(1000, 10000).ToString(CultureInfo.InvariantCulture);

    public string ContainerName => $"{UserUuid}_{BwcSerial}_{Stamp(TriggerOnTime)}";

    /// <summary>The container metadata, keys as the specification spells them; a test may change or remove any.</summary>
    public Dictionary<string, string> Metadata { get; }

    public string GnssTrailName => $"{TriggerOnTime.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}_{RecordingId}_{BwcSerial}_gpstrail.json";

    public RecordedSegment Segment(TimeSpan startAfterTrigger, TimeSpan duration)
    {
        var start = TriggerOnTime + startAfterTrigger;
        var stop = start + duration;
        var name = $"{start.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}_{RecordingId}.mp4";
        return new RecordedSegment(name, start, stop, new Dictionary<string, string>
        {
            ["StartTime"] = Epoch(start),
            ["StartTimeISO"] = Iso(start),
            ["StopTime"] = Epoch(stop),
            ["StopTimeISO"] = Iso(stop),
            ["ContainerType"] = "mp4",
            ["StartLocation"] = Location(55.718409, 13.221184, start),
            ["StopLocation"] = Location(55.718702, 13.220701, stop),
        });
    }

    public static string BookmarkName(DateTimeOffset at, int id) =>
        string.Create(CultureInfo.InvariantCulture, $"bookmark_{Stamp(at)}_{id}");

    /// <summary>A GNSS trail with a point at each of the given whole seconds after the recording started.</summary>
    public (byte[] Json, IReadOnlyList<GnssPoint> Points) GnssTrail(params int[] secondsFromStart)
    {
        var points = secondsFromStart
            .Select((seconds, i) => new GnssPoint(
                Math.Round(13.221184 + (i * 0.0001), 6), Math.Round(55.718409 + (i * 0.0001), 6), seconds, TriggerOnTime.AddSeconds(seconds)))
            .ToList();
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            CoordinateEntries = points.Select(p => new
            {
                // WKT: POINT(x y), x the longitude.
                LocationWKT = string.Create(CultureInfo.InvariantCulture, $"POINT({p.Longitude} {p.Latitude})"),
                p.SecondsFromStart,
                Timestamp = Iso(p.Timestamp),
            }),
        });
        return (json, points);
    }

    /// <summary>YYYYMMDDTHHMMSSZ, the time format of container names.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC, as the ...ISO keys carry it.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The specification gives only <c>&lt;lat&gt;&lt;long&gt;&lt;accuracy&gt;&lt;epoch&gt;</c>; the server keeps the string as it is.</summary>
    private static string Location(double latitude, double longitude, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{latitude:F6},{longitude:F6},4.0,{at.ToUnixTimeSeconds()}");

    private static string NewSerial() => "B8A44F" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
}

internal sealed record RecordedSegment(string Name, DateTimeOffset Start, DateTimeOffset Stop, Dictionary<string, string> Metadata);

internal sealed record GnssPoint(double Longitude, double Latitude, double SecondsFromStart, DateTimeOffset Timestamp);
