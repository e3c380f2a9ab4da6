using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Features.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>
/// A release case end to end on a real 12-second video, with the shipped AB 748 rule: opened, extended with its reason,
/// a redacted clip cut by the clip pipeline, approved by one custodian, published by another, and then served to
/// anyone under /public/releases; with every refusal on the way a custody event.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ReleaseCaseTests(ApiProfile profile)
{
    private const string Reason = "Disclosure would interfere with the active investigation of the District Attorney";

    private EvidenceApiFactory _api = null!;
    private Guid _item;
    private string _key = "";

    [OneTimeSetUp]
    public async Task StartServerWithAVideo()
    {
        (_api, _item) = await ClipExportVideo.StartAsync(profile, null, ("Ledger:CheckpointEverySeconds", "1"), ("Public:Enabled", "true"));
        _key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_case_under_AB_748_is_extended_clipped_approved_published_by_a_second_custodian_and_served_to_the_public()
    {
        var incidentAt = DateTimeOffset.UtcNow.AddDays(-10);
        var opened = await OpenAsync("CA-AB748", incidentAt);
        var incidentDay = ReleaseClock.DayOf(incidentAt, TimeZoneInfo.Utc);
        Assert.That((opened.DueOn, opened.DaysLeft, opened.Deadline, opened.Status), Is.EqualTo((incidentDay.AddDays(45), 35, "OnTime", "Open")));

        var extended = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{opened.Id}/extend", new { reason = Reason }))
            .ReadAsync<ReleaseCaseView>(HttpStatusCode.OK);
        Assert.That((extended.OriginalDueOn, extended.DueOn, extended.Extensions), Is.EqualTo((incidentDay.AddDays(45), incidentDay.AddDays(75), 1)));

        var clip = await PrepareClipAsync(opened.Id);
        await (await Anonymous().GetAsync($"/public/releases/{opened.Id}/")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{opened.Id}/approve", new { reason = "Redactions checked" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await Custodian("cody").PostAsJsonAsync($"/api/clip-requests/{clip.Id}/approve", new { reason = "Faces of bystanders blurred" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        await ClipExportVideo.WaitUntilDoneAsync(Custodian("cora"), clip.Id);
        var approved = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{opened.Id}/approve", new { reason = "Redactions checked" }))
            .ReadAsync<ReleaseCaseView>(HttpStatusCode.OK);
        Assert.That((approved.Status, approved.ApprovedBy), Is.EqualTo(("Approved", "cora")));

        var byApprover = await (await Custodian("cora").PostAsync($"/api/release-cases/{opened.Id}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(byApprover.GetProperty("detail").GetString(), Does.Contain("a custodian other than cora"));
        var published = await (await Custodian("cody").PostAsync($"/api/release-cases/{opened.Id}/publish", null)).ReadAsync<ReleaseCaseView>(HttpStatusCode.OK);
        Assert.That((published.Status, published.PublishedBy, published.Deadline, published.PublicPath),
            Is.EqualTo(("Published", "cody", "ReleasedOnTime", $"/public/releases/{opened.Id}/")));
        Assert.That(published.Timeline.Select(t => t.Event), Is.EqualTo(new[]
        {
            "Incident", "Release case opened", "Extended", "Approved for release", "Published",
        }));

        var folder = await PublicFolderAsync(opened.Id, clip.Id);
        await AssertThePackageZipHoldsAsync(opened.Id, folder);
        Assert.That(await ReleaseActionsAsync(opened.Id), Is.EqualTo(new[]
        {
            CustodyAction.ReleaseCaseOpened, CustodyAction.ReleaseCaseExtended, CustodyAction.ReleaseClipPrepared, CustodyAction.ReleaseRefused,
            CustodyAction.ReleaseApproved, CustodyAction.ReleaseRefused, CustodyAction.ReleasePublished, CustodyAction.ReleasePackageDownloaded,
        }));
    }

    [Test]
    public async Task Steps_the_rule_or_the_state_does_not_allow_are_refused_naming_the_field_and_recorded()
    {
        var minnesota = await OpenAsync("MN-DeadlyForce", DateTimeOffset.UtcNow.AddDays(-2));
        var ab748 = await OpenAsync("CA-AB748", DateTimeOffset.UtcNow.AddDays(-2));

        var noExtension = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{minnesota.Id}/extend", new { reason = "asked" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noReason = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{ab748.Id}/extend", new { reason = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var noClips = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{ab748.Id}/approve", new { reason = "ready" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unapproved = await (await Custodian("cody").PostAsync($"/api/release-cases/{ab748.Id}/publish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var unpublished = await (await Custodian("cody").GetAsync($"/api/release-cases/{ab748.Id}/package")).AssertProblemAsync(HttpStatusCode.Conflict);
        var otherItem = await (await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{ab748.Id}/clips", new { evidenceId = Guid.NewGuid(), startSeconds = 0, endSeconds = 1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var unknownRule = await (await Custodian("cora").PostAsJsonAsync("/api/release-cases", OpenBody("Nowhere-1", DateTimeOffset.UtcNow.AddDays(-1))))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var noComplaint = await (await Custodian("cora").PostAsJsonAsync("/api/release-cases", OpenBody("CO-SB20-217", DateTimeOffset.UtcNow.AddDays(-1))))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var byOfficer = await _api.ClientFor(Roles.Officer, "olga", ClipExportVideo.Unit).PostAsJsonAsync("/api/release-cases", OpenBody("CA-AB748", DateTimeOffset.UtcNow));

        Assert.Multiple(() =>
        {
            Assert.That(noExtension.GetProperty("detail").GetString(), Is.EqualTo("The rule MN-DeadlyForce allows no extension."));
            Assert.That(noReason.GetProperty("errors").TryGetProperty("reason", out _), Is.True, noReason.ToString());
            Assert.That(noClips.GetProperty("detail").GetString(), Does.StartWith("clips: the case has no clip"));
            Assert.That(unapproved.GetProperty("detail").GetString(), Is.EqualTo("The case must be approved before it is published."));
            Assert.That(unpublished.GetProperty("detail").GetString(), Does.Contain("not published"));
            Assert.That(otherItem.GetProperty("errors").TryGetProperty("evidenceId", out _), Is.True, otherItem.ToString());
            Assert.That(unknownRule.GetProperty("errors").GetProperty("rule")[0].GetString(), Does.Contain("CA-AB748, Chicago, CO-SB20-217, MN-DeadlyForce"));
            Assert.That(noComplaint.GetProperty("errors").TryGetProperty("complaintAt", out _), Is.True, noComplaint.ToString());
            Assert.That(byOfficer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
        Assert.That(await ReleaseActionsAsync(minnesota.Id), Is.EqualTo(new[] { CustodyAction.ReleaseCaseOpened, CustodyAction.ReleaseRefused }));
        Assert.That(await ReleaseActionsAsync(ab748.Id), Is.EqualTo(new[]
        {
            CustodyAction.ReleaseCaseOpened, CustodyAction.ReleaseRefused, CustodyAction.ReleaseRefused, CustodyAction.ReleaseRefused,
        }), "the approval without clips, the publication before approval and the early download; the 400s are recorded as refused requests");
    }

    [Test]
    public async Task The_list_says_which_cases_are_overdue_due_soon_or_on_time_in_days_left()
    {
        var overdue = await OpenAsync("CA-AB748", DateTimeOffset.UtcNow.AddDays(-50));
        var dueSoon = await OpenAsync("CA-AB748", DateTimeOffset.UtcNow.AddDays(-40));
        var onTime = await OpenAsync("CA-AB748", DateTimeOffset.UtcNow.AddDays(-1));
        var colorado = await (await Custodian("cora").PostAsJsonAsync("/api/release-cases", OpenBody(
            "CO-SB20-217", DateTimeOffset.UtcNow.AddDays(-60), complaintAt: DateTimeOffset.UtcNow.AddDays(-20)))).ReadAsync<ReleaseCaseView>(HttpStatusCode.Created);

        var all = await ListAsync(null);
        var soon = await ListAsync("due-soon");
        var late = await ListAsync("overdue");
        var due = await ListAsync("due");

        Assert.Multiple(() =>
        {
            Assert.That(all.Where(r => r.Id == overdue.Id || r.Id == dueSoon.Id || r.Id == onTime.Id || r.Id == colorado.Id).Select(r => (r.Id, r.DaysLeft, r.Deadline)),
                Is.EqualTo(new[] { (overdue.Id, -5, "Overdue"), (colorado.Id, 1, "DueSoon"), (dueSoon.Id, 5, "DueSoon"), (onTime.Id, 44, "OnTime") }));
            Assert.That(soon.Select(r => r.Id), Does.Contain(dueSoon.Id).And.Contain(colorado.Id).And.No.Member(overdue.Id).And.No.Member(onTime.Id));
            Assert.That(late.Select(r => r.Id), Does.Contain(overdue.Id).And.No.Member(dueSoon.Id));
            Assert.That(due.Select(r => r.Id), Is.SupersetOf(new[] { overdue.Id, dueSoon.Id, onTime.Id, colorado.Id }));
            Assert.That(late.Select(r => r.Deadline), Is.All.EqualTo("Overdue"));
        });
        var wrongFilter = await Custodian("cora").GetAsync("/api/release-cases?deadline=tomorrow");
        await wrongFilter.AssertProblemAsync(HttpStatusCode.BadRequest);
        var asAuditor = await _api.ClientFor(Roles.Auditor, "aud").GetAsync("/api/release-cases?deadline=overdue");
        Assert.That(asAuditor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<ClipRequestView> PrepareClipAsync(Guid caseId)
    {
        var response = await Custodian("cora").PostAsJsonAsync($"/api/release-cases/{caseId}/clips", new
        {
            evidenceId = _item,
            startSeconds = 1,
            endSeconds = 5,
            redactions = new object[]
            {
                new { kind = "blur", startSeconds = 1, endSeconds = 5, x = 16, y = 16, width = 96, height = 64 },
                new { kind = "mute", startSeconds = 2, endSeconds = 3 },
            },
            watermark = true,
        });
        var clip = await response.ReadAsync<ClipRequestView>(HttpStatusCode.Created);
        Assert.That((clip.Status, clip.RequestedBy, clip.Accurate, clip.Watermark), Is.EqualTo(("Requested", "cora", true, "Public release")));
        return clip;
    }

    /// <summary>The public folder as anyone reads it, with no session or cookie: its page, its video by ranges, its sums and its verifiable export.</summary>
    private async Task<Dictionary<string, string>> PublicFolderAsync(Guid caseId, Guid clipRequestId)
    {
        using var anonymous = Anonymous();
        var bare = await anonymous.GetAsync($"/public/releases/{caseId}");
        Assert.That((bare.StatusCode, bare.Headers.Location?.ToString()), Is.EqualTo((HttpStatusCode.Redirect, $"/public/releases/{caseId}/")));

        var index = await anonymous.GetAsync($"/public/releases/{caseId}/");
        var html = await index.Content.ReadAsStringAsync();
        Assert.That((index.StatusCode, index.Content.Headers.ContentType?.MediaType, index.Headers.Contains("Set-Cookie")), Is.EqualTo((HttpStatusCode.OK, "text/html", false)));
        var sums = (await anonymous.GetStringAsync($"/public/releases/{caseId}/SHA256SUMS"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split("  ")).ToDictionary(parts => parts[1], parts => parts[0]);
        Assert.That(sums.Keys, Is.EquivalentTo(new[] { "clip-1.mp4", "export-1.zip", "verify.html", "index.html" }));
        Assert.That(Sha256(await index.Content.ReadAsByteArrayAsync()), Is.EqualTo(sums["index.html"]));

        var clip = await anonymous.GetByteArrayAsync($"/public/releases/{caseId}/clip-1.mp4");
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/public/releases/{caseId}/clip-1.mp4") { Headers = { Range = new RangeHeaderValue(100, 1123) } };
        var part = await anonymous.SendAsync(range);
        Assert.That((part.StatusCode, part.Content.Headers.ContentRange?.ToString(), part.Content.Headers.ContentType?.MediaType),
            Is.EqualTo((HttpStatusCode.PartialContent, $"bytes 100-1123/{clip.Length}", "video/mp4")));
        Assert.That(await part.Content.ReadAsByteArrayAsync(), Is.EqualTo(clip[100..1124]));
        var export = await anonymous.GetByteArrayAsync($"/public/releases/{caseId}/export-1.zip");
        Assert.That((Sha256(clip), Sha256(export)), Is.EqualTo((sums["clip-1.mp4"], sums["export-1.zip"])));
        var verifyPage = await anonymous.GetByteArrayAsync($"/public/releases/{caseId}/verify.html");
        Assert.That((Sha256(verifyPage), verifyPage), Is.EqualTo((sums["verify.html"], ExportPackageFiles.VerifyPageFor(await _api.VerifierKeyAsync()))),
            "the release carries the browser verifier, with the log's key in it");

        await using (var db = _api.OpenDb())
        {
            var item = await db.EvidenceItems.SingleAsync(e => e.Id == _item);
            var cut = await db.EvidenceExports.SingleAsync(e => e.ClipRequestId == clipRequestId);
            Assert.That(sums["clip-1.mp4"], Is.EqualTo(cut.ClipSha256), "the published video is the clip the ledger's ClipCut names");
            Assert.That(html, Does.Contain("Shooting at Fifth and Main").And.Contain(Reason).And.Contain(sums["clip-1.mp4"]).And.Contain(item.StreamSha256)
                .And.Contain("<video controls").And.Contain("href=\"export-1.zip\"").And.Not.Contain("<script"));
        }
        var zip = Path.Combine(_api.DataRoot, $"release-export-{caseId:N}.zip");
        await File.WriteAllBytesAsync(zip, export);
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(), [Cli.CliTests.CliAssembly, "verify", "export", zip, "--key", _key]);
        Assert.That(exit, Is.EqualTo(0), output + errors);

        var listing = await anonymous.GetAsync("/public/releases");
        Assert.That((listing.StatusCode, listing.Headers.Contains("Set-Cookie")), Is.EqualTo((HttpStatusCode.OK, false)));
        Assert.That(await listing.Content.ReadAsStringAsync(), Does.Contain($"href=\"/public/releases/{caseId}/\"").And.Contain("Shooting at Fifth and Main"));
        return sums;
    }

    private async Task AssertThePackageZipHoldsAsync(Guid caseId, Dictionary<string, string> sums)
    {
        var response = await Custodian("cora").GetAsync($"/api/release-cases/{caseId}/package");
        Assert.That((response.StatusCode, response.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "application/zip")));
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var hashes = new Dictionary<string, string>();
        foreach (var entry in zip.Entries.Where(e => e.Name != "SHA256SUMS"))
        {
            await using var content = await entry.OpenAsync();
            hashes[entry.FullName] = Convert.ToHexStringLower(await SHA256.HashDataAsync(content));
        }
        Assert.That(hashes, Is.EquivalentTo(sums));
    }

    private async Task<ReleaseCaseView> OpenAsync(string rule, DateTimeOffset incidentAt) =>
        await (await Custodian("cora").PostAsJsonAsync("/api/release-cases", OpenBody(rule, incidentAt))).ReadAsync<ReleaseCaseView>(HttpStatusCode.Created);

    private object OpenBody(string rule, DateTimeOffset incidentAt, DateTimeOffset? complaintAt = null) => new
    {
        title = "Shooting at Fifth and Main",
        description = "Officers fired at a man who drove at them in a parking lot; he was wounded.",
        incidentAt,
        complaintAt,
        rule,
        evidenceIds = new[] { _item },
    };

    private async Task<IReadOnlyList<ReleaseCaseRow>> ListAsync(string? deadline) =>
        await (await Custodian("cora").GetAsync(deadline is null ? "/api/release-cases" : $"/api/release-cases?deadline={deadline}"))
            .ReadAsync<IReadOnlyList<ReleaseCaseRow>>(HttpStatusCode.OK);

    private async Task<CustodyAction[]> ReleaseActionsAsync(Guid caseId)
    {
        await using var db = _api.OpenDb();
        return [.. await db.CustodyEvents.Where(e => e.EvidenceId == _item && e.Reason!.StartsWith($"release case {caseId}"))
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync()];
    }

    private HttpClient Custodian(string subject) => _api.ClientFor(Roles.Custodian, subject);

    private HttpClient Anonymous() => _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
