using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>A signed-in user of one role; a supervisor's unit scopes what they see.</summary>
internal sealed class BenchmarkCaller(string role, string? unit) : ICurrentActor
{
    public Actor Actor { get; } = new("bench-" + role.ToLowerInvariant(), ActorKind.User, role, "127.0.0.1");

    public string? Unit => unit;

    public bool IsInRole(string candidate) => candidate == role;
}
