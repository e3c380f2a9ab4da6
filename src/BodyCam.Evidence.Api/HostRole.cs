using BodyCam.Evidence;
using BodyCam.Evidence.Infrastructure;

/// <summary>
/// What this process does: <c>all</c> (one machine), <c>api</c> (HTTP only; jobs are enqueued for workers) or
/// <c>worker</c> (runs jobs; serves only health). Set with <c>--role</c> or <c>Host:Role</c>.
/// </summary>
internal sealed record HostRole(string Name)
{
    public bool ServesApi => Name is "all" or "api";

    public bool RunsJobs => Name is "all" or "worker";

    public static HostRole From(IConfiguration configuration)
    {
        var name = (configuration["Host:Role"] ?? "all").ToLowerInvariant();
        return name is "all" or "api" or "worker"
            ? new HostRole(name)
            : throw new ConfigurationException($"Host:Role (--role) is '{name}'; it must be all, api or worker.");
    }

    /// <summary>Separate api and worker processes meet only through shared job storage: in-memory jobs would never run.</summary>
    public void EnsureSharedJobStorage(EvidenceSettings settings)
    {
        if (Name != "all" && settings.Jobs != JobStorageProvider.PostgreSql)
        {
            throw new ConfigurationException($"--role {Name} needs Jobs:Storage=PostgreSql, shared by the api and worker processes.");
        }
    }
}
