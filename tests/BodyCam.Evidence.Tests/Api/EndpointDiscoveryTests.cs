using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Tests.Api;

/// <summary>Endpoints are found, not listed: each <see cref="IEndpoint"/> is mapped once, and the document describes what is mapped.</summary>
public sealed partial class EndpointDiscoveryTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public void Every_endpoint_of_the_assembly_is_mapped_exactly_once()
    {
        var implementations = typeof(IEndpoint).Assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IEndpoint)));
        var served = Routes(Api.Service<EndpointDataSource>().Endpoints).ToList();

        Assert.That(Endpoints.Types, Is.EquivalentTo(implementations).And.Count.GreaterThan(45));
        Assert.Multiple(() =>
        {
            foreach (var type in Endpoints.Types)
            {
                var own = RoutesOf(type);
                Assert.That(own, Is.Not.Empty, $"{type.Name} maps nothing");
                foreach (var route in own)
                {
                    Assert.That(served.Count(candidate => candidate == route), Is.EqualTo(1), $"{route} of {type.Name}");
                }
            }
        });
    }

    [Test]
    public async Task The_OpenAPI_document_describes_every_mapped_operation_and_nothing_else()
    {
        var document = JsonNode.Parse(await Api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(operation => operation.Key != "parameters").Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"));

        // A route for any method (Swift's) names no operation, the document writes a group's "/" as the group's path,
        // and a catch-all {**path} as the path parameter {path}.
        var mapped = Endpoints.Types.SelectMany(RoutesOf)
            .Where(route => !route.Excluded)
            .SelectMany(route => route.Methods.Select(method =>
                $"{method} {RouteConstraint().Replace(route.Pattern, "}").Replace("{**", "{", StringComparison.Ordinal).TrimEnd('/')}"));

        Assert.That(documented, Is.EquivalentTo(mapped));
    }

    private List<Route> RoutesOf(Type type)
    {
        var routes = new RouteTable(Api.Services);
        ((IEndpoint)Activator.CreateInstance(type)!).Map(routes);
        return [.. Routes(routes.DataSources.SelectMany(source => source.Endpoints))];
    }

    private static IEnumerable<Route> Routes(IEnumerable<Endpoint> endpoints) =>
        endpoints.OfType<RouteEndpoint>().Select(endpoint => new Route(
            endpoint.RoutePattern.RawText!,
            endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [],
            endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true));

    private sealed record Route(string Pattern, IReadOnlyList<string> Methods, bool Excluded)
    {
        public bool Equals(Route? other) => other is not null && Pattern == other.Pattern && Methods.SequenceEqual(other.Methods);

        public override int GetHashCode() => Pattern.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => $"{string.Join(",", Methods)} {Pattern}";
    }

    /// <summary>Routes mapped apart from the host's, with its services, to see what one endpoint maps.</summary>
    private sealed class RouteTable(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex RouteConstraint();
}
