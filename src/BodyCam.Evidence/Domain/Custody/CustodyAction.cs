namespace BodyCam.Evidence.Domain.Custody;

public enum CustodyAction
{
    AuthenticationFailed,
    AccessDenied,
    DockRegistered,
}

public enum CustodyOutcome
{
    Succeeded,
    Denied,
    Failed,
}
