using System.Net;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Public;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Console;

/// <summary>
/// Every console page asks for a session: a visit without one is sent to sign in (and recorded as a failed
/// authentication), except the pages that sign a person in or out, the refusal page itself, and the public pages under
/// /public/, which are no part of the console and need no session.
/// </summary>
public sealed partial class ConsolePagesTests
{
    private static readonly string[] OpenToEveryone = ["/signin", "/signout", "/refused"];

    private EvidenceApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _api = await EvidenceApiFactory.StartAsync(ApiProfile.Embedded);

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task Every_page_sends_a_visitor_without_a_session_to_sign_in_and_records_the_attempt()
    {
        var pages = _api.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Where(route => !OpenToEveryone.Contains(route) && !route.StartsWith(PublicSettings.PathPrefix + "/", StringComparison.Ordinal))
            .ToList();
        Assert.That(pages, Does.Contain("/"), "the start page is a page");
        using var anonymous = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var route in pages)
        {
            var path = RouteParameter().Replace(route, Guid.NewGuid().ToString());
            var refusedBefore = await RefusalsAsync();

            using var response = await anonymous.GetAsync(path);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), path);
            Assert.That(response.Headers.Location?.ToString(), Does.Contain("/signin?ReturnUrl="), path);
            Assert.That(await RefusalsAsync(), Is.GreaterThan(refusedBefore), $"{path}: the attempt is a custody event");
        }
    }

    [Test]
    public async Task The_sign_in_page_opens_without_a_session()
    {
        using var anonymous = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync("/signin");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Development sign-in"));
    }

    private async Task<int> RefusalsAsync()
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.AuthenticationFailed);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
