using System.Text.Json;

namespace BodyCam.Evidence.Domain.Recordings;

public enum RecordingStatus
{
    Transferring,
    Complete,
}

/// <summary>
/// One recording a camera made, sent as a unit by a body worn system: its segments (each an evidence item), the
/// GNSS track, bookmarks and encryption keys, and the facts the system sent about it. A recording the system
/// itself rejected (corrupt, or missing facts) is still taken in, kept apart and flagged for a custodian.
/// </summary>
public sealed class Recording
{
    private Recording()
    {
    }

    public Guid Id { get; private init; }
    public Guid DockId { get; private init; }
    public required string ContainerName { get; init; }
    public string? OfficerId { get; private init; }
    public string? DeviceSerial { get; private init; }
    public DateTimeOffset? TriggerOnTime { get; private init; }
    public string? ScuSerial { get; private set; }
    public RecordingStatus Status { get; private set; }
    public bool Rejected { get; private init; }
    public string? RejectedReason { get; private set; }
    public string? OriginalContainer { get; private set; }
    public string MetadataJson { get; private set; } = "{}";
    public DateTimeOffset OpenedAt { get; private init; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The bounding box of the GNSS track in degrees, null without a track: a search by area reads the points only of tracks whose box meets the area.</summary>
    public double? TrackWest { get; private set; }
    public double? TrackSouth { get; private set; }
    public double? TrackEast { get; private set; }
    public double? TrackNorth { get; private set; }

    public IReadOnlyDictionary<string, string> Metadata =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(MetadataJson) ?? [];

    public static Recording Open(
        Guid dockId, string containerName, string? officerId, string? deviceSerial, DateTimeOffset? triggerOnTime, bool rejected,
        IReadOnlyDictionary<string, string> metadata, DateTimeOffset now)
    {
        var recording = new Recording
        {
            Id = Guid.CreateVersion7(now),
            DockId = dockId,
            ContainerName = containerName,
            OfficerId = officerId,
            DeviceSerial = deviceSerial,
            TriggerOnTime = triggerOnTime,
            Rejected = rejected,
            Status = RecordingStatus.Transferring,
            OpenedAt = now,
        };
        recording.MergeMetadata(metadata);
        return recording;
    }

    /// <summary>Keys sent again replace what was sent before; keys not sent again are kept, as Swift does for containers.</summary>
    public void MergeMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var merged = new Dictionary<string, string>(Metadata, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata)
        {
            merged[key] = value;
        }
        MetadataJson = JsonSerializer.Serialize(merged);
        ScuSerial = merged.GetValueOrDefault(RecordingMetadataKeys.ScuSerialNumber) ?? ScuSerial;
        if (Rejected)
        {
            RejectedReason = merged.GetValueOrDefault(RecordingMetadataKeys.RejectedContentReason) ?? RejectedReason;
            OriginalContainer = merged.GetValueOrDefault(RecordingMetadataKeys.RejectedContentOriginalContainer) ?? OriginalContainer;
        }
    }

    public void BoundTrack(IReadOnlyCollection<GnssPoint> track)
    {
        var any = track.Count > 0;
        TrackWest = any ? track.Min(p => p.Longitude) : null;
        TrackSouth = any ? track.Min(p => p.Latitude) : null;
        TrackEast = any ? track.Max(p => p.Longitude) : null;
        TrackNorth = any ? track.Max(p => p.Latitude) : null;
    }

    public void Complete(DateTimeOffset now)
    {
        Status = RecordingStatus.Complete;
        CompletedAt = now;
    }
}

/// <summary>The recording facts this server reads from what a body worn system sends; every other key is kept as sent.</summary>
public static class RecordingMetadataKeys
{
    public const string ScuSerialNumber = "SCUSerialNumber";
    public const string RejectedContentReason = "RejectedContentReason";
    public const string RejectedContentOriginalContainer = "RejectedContentOriginalContainer";
}
