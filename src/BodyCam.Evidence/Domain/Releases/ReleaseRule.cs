namespace BodyCam.Evidence.Domain.Releases;

/// <summary>What starts a release clock: the incident itself, or a complaint (or request) about it.</summary>
public enum ReleaseClockStart
{
    Incident,
    Complaint,
}

/// <summary>
/// A release law or policy as the agency configures it (<c>Releases:Rules:&lt;Name&gt;</c>): footage is due
/// <see cref="Days"/> calendar days after the day the clock starts; each extension adds <see cref="ExtensionDays"/>
/// (0: none allowed), never past <see cref="MaxDays"/> after that same day.
/// </summary>
public sealed record ReleaseRule(
    string Name,
    string Title,
    ReleaseClockStart StartsAt,
    int Days,
    int ExtensionDays,
    int MaxDays,
    bool ExtensionNeedsReason,
    string Citation)
{
    public bool AllowsExtensions => ExtensionDays > 0 && MaxDays > Days;
}
