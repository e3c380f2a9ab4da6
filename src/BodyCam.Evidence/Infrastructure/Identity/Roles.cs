namespace BodyCam.Evidence.Infrastructure.Identity;

public static class Roles
{
    public const string Officer = nameof(Officer);
    public const string Supervisor = nameof(Supervisor);
    public const string Custodian = nameof(Custodian);
    public const string OversightBoard = nameof(OversightBoard);
    public const string Auditor = nameof(Auditor);
    public const string Admin = nameof(Admin);

    /// <summary>Machine principals; never issued to a person.</summary>
    public const string Dock = nameof(Dock);

    public static readonly IReadOnlyList<string> People = [Officer, Supervisor, Custodian, OversightBoard, Auditor, Admin];
}

public static class EvidenceClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Name = "name";
}
