using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features;

/// <summary>
/// Maps the routes of one use case, or of one protocol adapter as a route group. Every implementation in this
/// assembly is mapped at start-up, so a new slice needs no line anywhere else to be mapped.
/// </summary>
public interface IEndpoint
{
    void Map(IEndpointRouteBuilder routes);
}

public static class Endpoints
{
    /// <summary>Every endpoint of the assembly, in name order so the OpenAPI document lists them alike from build to build.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        .. typeof(IEndpoint).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IEndpoint)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal),
    ];

    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var type in Types)
        {
            ((IEndpoint)Activator.CreateInstance(type)!).Map(routes);
        }
        return routes;
    }
}
