namespace BodyCam.Evidence.Domain.Evidence;

/// <summary>
/// What the sender says about a recording: the facts it arrives with, kept as sent. Which facts a sender must
/// give is the agency's choice (Ingestion:RequiredMetadata); a recording without an officer is unassigned.
/// </summary>
public sealed record RecordingFacts(
    string FileName,
    string ContentType,
    string? DeviceSerial,
    string? OfficerId,
    DateTimeOffset? RecordedStart,
    DateTimeOffset? RecordedEnd,
    string? DeclaredSha256,
    string? Category,
    string? ExtraMetadataJson);
