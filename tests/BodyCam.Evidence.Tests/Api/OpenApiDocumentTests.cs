using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Tests.Api;

/// <summary>
/// The document served at <c>/openapi/v1.json</c>, as a client generator reads it: checked by a real OpenAPI linter
/// (Redocly CLI, npm, installed by deploy/local), and each request body against the endpoint's own message.
/// </summary>
public sealed partial class OpenApiDocumentTests(ApiProfile profile) : ApiTests(profile)
{
    private static readonly string NodeModules = Path.Combine(LocalServices.RepositoryRoot, "deploy", "local", "node", "node_modules");
    private static readonly string LinterConfig = Path.Combine(LocalServices.RepositoryRoot, "tests", "BodyCam.Evidence.Tests", "Api", "redocly.yaml");

    [Test]
    public async Task The_served_document_passes_an_OpenAPI_linter()
    {
        var document = Path.Combine(Api.DataRoot, "openapi.json");
        await File.WriteAllTextAsync(document, await Api.CreateClient().GetStringAsync("/openapi/v1.json"));

        var (exitCode, output, errors) = await LocalServices.RunToExitAsync(
            "node",
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
            Path.Combine(NodeModules, "@redocly", "cli", "bin", "cli.js"), "lint", "--config", LinterConfig, "--format", "json", document);

        Assert.That(exitCode, Is.Zero, output + errors);
        var totals = JsonNode.Parse(output)!["totals"]!;
        Assert.That((int)totals["errors"]! + (int)totals["warnings"]!, Is.Zero, output);
    }

    [Test]
    public async Task Every_request_body_is_documented_with_the_fields_of_the_message_it_sends()
    {
        var document = JsonNode.Parse(await Api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var endpoints = EndpointsWithBodies();

        Assert.That(endpoints.Select(Describe), Does.Contain("POST /api/clip-requests"));
        Assert.Multiple(() =>
        {
            foreach (var endpoint in endpoints)
            {
                var fields = MessageType(endpoint).GetConstructors().Single().GetParameters()
                    .Select(parameter => JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!))
                    .Except(RouteParameters(endpoint), StringComparer.OrdinalIgnoreCase);

                Assert.That(DocumentedBody(document, endpoint).Properties, Is.EquivalentTo(fields), Describe(endpoint));
            }
        });
    }

    [Test]
    public async Task A_field_documented_as_required_is_one_the_server_refuses_to_go_without()
    {
        var document = JsonNode.Parse(await Api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        using var admin = Api.ClientFor(Roles.Admin, "ada");

        foreach (var endpoint in EndpointsWithBodies())
        {
            using var request = new HttpRequestMessage(new HttpMethod(Method(endpoint)), SamplePath(endpoint)) { Content = JsonContent.Create(new { }) };
            using var response = await admin.SendAsync(request);

            var body = DocumentedBody(document, endpoint);
            if (body.Required.Count == 0 && response.StatusCode == HttpStatusCode.Forbidden)
            {
                // Nothing is required (an extension's reason is, only where its rule says so), so the empty body is valid
                // and authorisation, which comes next, refuses the Admin.
                continue;
            }
            // Validation comes before authorisation, so an Admin is told what is missing wherever it could not send the message.
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            var refused = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name)
                .Except(RouteParameters(endpoint), StringComparer.OrdinalIgnoreCase)
                .ToList();
            Assert.Multiple(() =>
            {
                Assert.That(body.Required, Is.SubsetOf(refused), $"{Describe(endpoint)}: documented as required but accepted absent");
                Assert.That(refused, Is.SubsetOf(body.Properties), $"{Describe(endpoint)}: refused fields the document does not name");
            });
        }
    }

    private List<RouteEndpoint> EndpointsWithBodies() =>
        [.. Api.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not null)];

    private static (IReadOnlyList<string> Properties, IReadOnlyList<string> Required) DocumentedBody(JsonNode document, RouteEndpoint endpoint)
    {
        var operation = document["paths"]?[DocumentedPath(endpoint)]?[Method(endpoint).ToLowerInvariant()];
        var reference = (string?)operation?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"];
        Assert.That(reference, Does.StartWith("#/components/schemas/"), $"{Describe(endpoint)} documents no JSON body");
        var schema = document["components"]!["schemas"]![reference!["#/components/schemas/".Length..]]!;
        return (
            [.. schema["properties"]?.AsObject().Select(property => property.Key) ?? []],
            [.. schema["required"]?.AsArray().Select(name => (string)name!) ?? []]);
    }

    /// <summary>Every endpoint is named after the message it sends.</summary>
    private static Type MessageType(RouteEndpoint endpoint)
    {
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return typeof(EvidenceDb).Assembly.GetTypes().SingleOrDefault(type => type.Name == name && type.IsAssignableTo(typeof(Mediator.IMessage)))
            ?? throw new AssertionException($"{Describe(endpoint)} is not named after a message (name: {name ?? "none"})");
    }

    private static IEnumerable<string> RouteParameters(RouteEndpoint endpoint) => endpoint.RoutePattern.Parameters.Select(parameter => parameter.Name);

    private static string Method(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();

    /// <summary>The route as the document writes it: parameters without their constraints.</summary>
    private static string DocumentedPath(RouteEndpoint endpoint) => RouteConstraint().Replace(endpoint.RoutePattern.RawText!, "}");

    private static string SamplePath(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.Parameters.Aggregate(DocumentedPath(endpoint), (path, parameter) => path.Replace(
            $"{{{parameter.Name}}}",
            parameter.ParameterPolicies.Any(policy => policy.Content == "guid") ? Guid.NewGuid().ToString() : "openapi-1",
            StringComparison.Ordinal));

    private static string Describe(RouteEndpoint endpoint) => $"{Method(endpoint)} {endpoint.RoutePattern.RawText}";

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex RouteConstraint();
}
