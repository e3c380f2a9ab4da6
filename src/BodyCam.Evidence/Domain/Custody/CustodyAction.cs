namespace BodyCam.Evidence.Domain.Custody;

public enum CustodyAction
{
    AuthenticationFailed,
    AccessDenied,
    DockRegistered,
    UploadStarted,
    UploadChunkRejected,
    UploadTerminated,
    UploadExpired,
    Received,
    Verified,
    Quarantined,
    MediaProbed,
    OfficerRecorded,
    CameraRecorded,
    CategoryRecorded,
    BodyWornSystemRecorded,
    RecordingOpened,
    RecordingMetadataUpdated,
    RecordingObjectStored,
    RecordingCompleted,
    RetentionChanged,
    LegalHoldPlaced,
    LegalHoldReleased,
    EligibleForDisposition,
    DispositionRequested,
    DispositionRefused,
    DispositionApproved,
    Restored,
    Purged,
    DispositionCertified,
    ImmutabilityApplied,
    FixityChecked,
    FixityFailed,
    JobRunRequested,
}

public enum CustodyOutcome
{
    Succeeded,
    Denied,
    Failed,
}
