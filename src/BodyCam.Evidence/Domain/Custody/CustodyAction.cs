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
    CategoriesAssigned,
    CaseRecorded,
    CaseLinked,
    CaseUnlinked,
    NoteAdded,
    BookmarkAdded,
    Reviewed,
    ContentViewed,
    PosterViewed,
    FixityChecked,
    FixityFailed,
    FixityCheckRefused,
    JobRunRequested,
    ClipRequested,
    ClipRequestApproved,
    ClipRequestDenied,
    ClipApprovalRefused,
    ClipCut,
    ClipFailed,
    ExportPackaged,
    ExportDownloaded,
    ExportDownloadRefused,
    /// <summary>A request refused as invalid (400): a field, a parameter or a header the server would not take.</summary>
    RequestRefused,
    /// <summary>A person signed in to the console; a failed sign-in is <see cref="AuthenticationFailed"/>.</summary>
    SignedIn,
    /// <summary>A person signed out, or their console session was locked after the idle limit.</summary>
    SignedOut,
    /// <summary>An oversight board asked for the footage of an incident (a footage request).</summary>
    FootageRequested,
    /// <summary>An evidence item was attached to a footage request as matching it; one event per item.</summary>
    FootageAttached,
    /// <summary>A footage request was answered that no matching footage exists, with why.</summary>
    FootageNotFound,
    /// <summary>An attached item was released to the board as a clip request of the whole recording; one event per item.</summary>
    FootageReleased,
    /// <summary>A footage request was refused, with the reason.</summary>
    FootageRequestRefused,
    /// <summary>A release case was opened under a release rule; one event per item it names.</summary>
    ReleaseCaseOpened,
    ReleaseCaseExtended,
    /// <summary>A redacted clip of a release case's item was asked for; the clip pipeline's own events follow it.</summary>
    ReleaseClipPrepared,
    ReleaseApproved,
    ReleasePublished,
    ReleasePackageDownloaded,
    /// <summary>A step of a release case was refused: the state, the two-person rule or the rule's limits did not allow it.</summary>
    ReleaseRefused,
}

public enum CustodyOutcome
{
    Succeeded,
    Denied,
    Failed,
}
