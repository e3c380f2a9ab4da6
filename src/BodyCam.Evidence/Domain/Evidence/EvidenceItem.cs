
namespace BodyCam.Evidence.Domain.Evidence;

public enum EvidenceStatus
{
    Received,
    Verified,
    Quarantined,
}

/// <summary>Where an item stands in its life after retention: kept, due, asked for, in the restore window, destroyed.</summary>
public enum DispositionState
{
    Retained,
    EligibleForDisposition,
    AwaitingApproval,
    SoftDeleted,
    Purged,
}

public enum ProbeStatus
{
    Pending,
    Probed,
    Unreadable,
}

/// <summary>
/// One recording, from the moment its last byte was received. <see cref="StreamSha256"/> is the hash of the
/// bytes as they arrived; <see cref="StoredSha256"/> the hash of the bytes as the store returned them to the
/// verify job. Only when both agree (and with the sender's declared hash, if any) is the item Verified, and
/// only then may the camera be wiped.
/// </summary>
public sealed class EvidenceItem
{
    private EvidenceItem()
    {
    }

    public Guid Id { get; private init; }
    public EvidenceStatus Status { get; private set; }
    public required RecordingFacts Recording { get; init; }
    public required string BlobName { get; init; }
    public long Bytes { get; private init; }
    public required string StreamSha256 { get; init; }
    public string? StoredSha256 { get; private set; }
    public Guid DockId { get; private init; }
    public required string UploadId { get; init; }
    public Guid? RecordingId { get; private init; }

    /// <summary>The unit the officer belonged to when recording: it, not the officer's unit today, scopes supervisors.</summary>
    public string? OfficerUnit { get; private set; }
    public DateTimeOffset ReceivedAt { get; private init; }

    /// <summary>When recording began, or when the item was received if the sender did not say: the order evidence is listed in.</summary>
    public DateTimeOffset RecordedAt { get; private init; }

    /// <summary>When recording ended, never before <see cref="RecordedAt"/>: a search by time finds the items whose span overlaps its range.</summary>
    public DateTimeOffset RecordedUntil { get; private init; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    /// <summary>When the stored bytes were last read back and found to hash to <see cref="StreamSha256"/>: at verification, then at each fixity check.</summary>
    public DateTimeOffset? LastFixityCheckAt { get; private set; }
    public string? QuarantineReason { get; private set; }
    public ProbeStatus ProbeStatus { get; private set; }
    public string? ProbeFailure { get; private set; }
    public MediaFacts Media { get; private set; } = new(null, null, null, null, null, null, null, null, null);
    public string? PosterBlobName { get; private set; }

    /// <summary>The end of the item's retention; null while a category keeps it indefinitely.</summary>
    public DateTimeOffset? RetainUntil { get; private set; }

    /// <summary>No known category sets the retention: the configured default does, and compliance views flag it.</summary>
    public bool RetainedByDefault { get; private set; }

    public DispositionState Disposition { get; private set; }
    public DateTimeOffset? SoftDeletedAt { get; private set; }
    public DateTimeOffset? PurgeAfter { get; private set; }
    public DateTimeOffset? PurgedAt { get; private set; }
    public Guid? DispositionCertificateId { get; private set; }

    /// <summary>How far the store's immutability policy on the blob reaches, as last applied.</summary>
    public DateTimeOffset? ImmutableUntil { get; private set; }

    public bool BlobLegalHold { get; private set; }

    /// <summary>Retention counts from when the recording was made, or from receipt when the sender did not say.</summary>
    public DateTimeOffset RetentionStart => Recording.RecordedStart ?? ReceivedAt;

    public static EvidenceItem Receive(
        Guid id, RecordingFacts recording, string blobName, long bytes, string streamSha256, Guid dockId, string uploadId, Guid? recordingId, string? officerUnit, DateTimeOffset now)
    {
        var recordedAt = recording.RecordedStart ?? recording.RecordedEnd ?? now;
        var item = new EvidenceItem
        {
            Id = id,
            Recording = recording,
            BlobName = blobName,
            Bytes = bytes,
            StreamSha256 = streamSha256,
            DockId = dockId,
            UploadId = uploadId,
            RecordingId = recordingId,
            OfficerUnit = officerUnit,
            ReceivedAt = now,
            RecordedAt = recordedAt,
            RecordedUntil = recording.RecordedEnd is { } end && end > recordedAt ? end : recordedAt,
            Status = EvidenceStatus.Received,
        };
        if (recording.DeclaredSha256 is { } declared && !string.Equals(declared, streamSha256, StringComparison.OrdinalIgnoreCase))
        {
            item.Quarantine($"the sender declared SHA-256 {declared} but the received bytes hash to {streamSha256}");
        }
        return item;
    }

    /// <summary>Compares what the store holds with what was received and declared; returns whether the item is now Verified.</summary>
    public bool RecordStoredHash(string storedSha256, DateTimeOffset now)
    {
        StoredSha256 = storedSha256;
        if (!string.Equals(storedSha256, StreamSha256, StringComparison.OrdinalIgnoreCase))
        {
            Quarantine($"the store returned bytes hashing to {storedSha256}, but {StreamSha256} was received");
            return false;
        }
        Status = EvidenceStatus.Verified;
        VerifiedAt = now;
        LastFixityCheckAt = now;
        return true;
    }

    public void RecordFixityCheck(DateTimeOffset now) => LastFixityCheckAt = now;

    /// <summary>The store no longer holds what was received. Nothing is repaired: the item waits, quarantined, for a person.</summary>
    public void FailFixity(string reason) => Quarantine(reason);

    public void Rescope(string? officerUnit) => OfficerUnit = officerUnit;

    /// <summary>Returns whether the retention changed.</summary>
    public bool SetRetention(DateTimeOffset? retainUntil, bool byDefault)
    {
        var changed = retainUntil != RetainUntil || byDefault != RetainedByDefault;
        RetainUntil = retainUntil;
        RetainedByDefault = byDefault;
        return changed;
    }

    public bool RetentionExpired(DateTimeOffset now) => RetainUntil is { } until && until <= now;

    public void MarkEligibleForDisposition() => Disposition = DispositionState.EligibleForDisposition;

    public void KeepRetained() => Disposition = DispositionState.Retained;

    public void AwaitDispositionApproval() => Disposition = DispositionState.AwaitingApproval;

    public void SoftDelete(DateTimeOffset now, DateTimeOffset purgeAfter)
    {
        Disposition = DispositionState.SoftDeleted;
        SoftDeletedAt = now;
        PurgeAfter = purgeAfter;
    }

    public void Restore()
    {
        Disposition = DispositionState.Retained;
        SoftDeletedAt = null;
        PurgeAfter = null;
    }

    public void Purge(DateTimeOffset now)
    {
        Disposition = DispositionState.Purged;
        PurgedAt = now;
        PosterBlobName = null;
    }

    public void Certify(Guid certificateId) => DispositionCertificateId = certificateId;

    public void RecordImmutability(DateTimeOffset? immutableUntil, bool blobLegalHold)
    {
        ImmutableUntil = immutableUntil;
        BlobLegalHold = blobLegalHold;
    }

    public void RecordMedia(MediaFacts media, string? posterBlobName)
    {
        Media = media;
        PosterBlobName = posterBlobName;
        ProbeStatus = ProbeStatus.Probed;
    }

    public void RecordUnreadableMedia(string reason)
    {
        ProbeFailure = reason;
        ProbeStatus = ProbeStatus.Unreadable;
    }

    private void Quarantine(string reason)
    {
        Status = EvidenceStatus.Quarantined;
        QuarantineReason = reason;
    }
}
