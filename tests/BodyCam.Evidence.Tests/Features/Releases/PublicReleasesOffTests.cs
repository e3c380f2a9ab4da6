using System.Net;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Features.Releases;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>With <c>Public:Enabled</c> off (the default), nothing under /public/releases answers, published or not.</summary>
public sealed class PublicReleasesOffTests
{
    private EvidenceApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _api = await EvidenceApiFactory.StartAsync(ApiProfile.Embedded);

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_published_release_is_not_found_while_the_public_side_is_off()
    {
        var rule = new ReleaseRule("MN-DeadlyForce", "Minnesota", ReleaseClockStart.Incident, 14, 0, 14, false, "Minn. Stat. § 13.825");
        var now = DateTimeOffset.UtcNow;
        var published = ReleaseCase.Open("Published", "A published release.", rule, now.AddDays(-3), null, TimeZoneInfo.Utc, "cora", now);
        published.Approve("cora", "checked", now);
        published.Publish("cody", now, TimeZoneInfo.Utc);
        await using (var db = _api.OpenDb())
        {
            db.ReleaseCases.Add(published);
            db.ReleaseFiles.Add(ReleaseFile.Of(published.Id, ReleasePackage.Index, ReleasePackage.BlobNameOf(published.Id, ReleasePackage.Index), "text/html", 5, new string('0', 64)));
            await db.SaveChangesAsync();
        }
        using var anonymous = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var answers = new List<HttpStatusCode>();
        foreach (var path in new[] { "/public/releases", "/public/releases/", $"/public/releases/{published.Id}/", $"/public/releases/{published.Id}/index.html" })
        {
            answers.Add((await anonymous.GetAsync(path)).StatusCode);
        }

        Assert.That(answers, Is.All.EqualTo(HttpStatusCode.NotFound));
    }
}
