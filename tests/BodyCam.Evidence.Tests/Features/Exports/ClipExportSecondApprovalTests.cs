using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>With <c>Exports:RequiredApprovals</c> at 2, a clip is cut only once two different people have approved it.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ClipExportSecondApprovalTests(ApiProfile profile)
{
    private const string Board = "second-approval-board";

    private EvidenceApiFactory _api = null!;
    private Guid _item;

    [OneTimeSetUp]
    public async Task StartServerWithAVideo() =>
        (_api, _item) = await ClipExportVideo.StartAsync(profile, testServices: null, ("Ledger:CheckpointEverySeconds", "1"), ("Exports:RequiredApprovals", "2"));

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task The_first_approval_leaves_the_request_requested_and_a_second_persons_approval_starts_the_cut_and_the_package_verifies()
    {
        var request = await RequestAsync();

        var first = await (await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        var second = await (await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Agreed" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That((first.Status, first.DecidedBy, first.Approvals.Select(a => a.ApprovedBy)),
                Is.EqualTo(("Requested", (string?)null, new[] { "second-supervisor" })));
            Assert.That((second.Status, second.DecidedBy, second.Approvals.Select(a => a.ApprovedBy)),
                Is.EqualTo(("Approved", "second-custodian", new[] { "second-supervisor", "second-custodian" })));
        });
        var ready = await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), request.Id);
        var package = await DownloadAsync(ready.ExportId!.Value);
        var manifest = JsonSerializer.Deserialize<ExportManifest>(ClipExportTests.ReadEntry(package, ExportPackageFiles.Manifest), ExportPackageFiles.Json)!;
        Assert.That(manifest.Approvals.Select(a => (a.ApprovedBy, a.Reason)),
            Is.EqualTo(new[] { ("second-supervisor", "In order"), ("second-custodian", "Agreed") }));
        // The verifier reads both approvals from their custody events, in order, against the manifest's.
        var key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [Cli.CliTests.CliAssembly, "verify", "export", package, "--key", key]);
        Assert.That(exit, Is.Zero, output + errors);
        Assert.That(await ActionsAboutAsync(request.Id), Is.EqualTo(new[]
        {
            CustodyAction.ClipRequested, CustodyAction.ClipRequestApproved, CustodyAction.ClipRequestApproved, CustodyAction.ClipCut,
            CustodyAction.ExportPackaged, CustodyAction.ExportDownloaded,
        }));
    }

    [Test]
    public async Task The_first_approver_approving_again_is_refused_and_recorded_and_cuts_nothing()
    {
        var request = await RequestAsync();
        (await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" })).EnsureSuccessStatusCode();

        var again = await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Really in order" });

        await again.AssertProblemAsync(HttpStatusCode.Forbidden);
        var still = (await BoardClient().GetFromJsonAsync<ClipRequestView>($"/api/clip-requests/{request.Id}"))!;
        Assert.That((still.Status, still.Approvals.Count), Is.EqualTo(("Requested", 1)));
        Assert.That(await ActionsAboutAsync(request.Id), Is.EqualTo(new[]
        {
            CustodyAction.ClipRequested, CustodyAction.ClipRequestApproved, CustodyAction.AccessDenied,
        }));
    }

    [Test]
    public async Task A_denial_after_the_first_approval_ends_the_request()
    {
        var request = await RequestAsync();
        (await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" })).EnsureSuccessStatusCode();

        var denied = await (await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason = "Open investigation" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        var approveLater = await _api.ClientFor(Roles.Custodian, "another-custodian").PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" });

        await approveLater.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((denied.Status, denied.Reason, denied.ExportId), Is.EqualTo(("Denied", "Open investigation", (Guid?)null)));
        Assert.That(await ActionsAboutAsync(request.Id), Is.EqualTo(new[]
        {
            CustodyAction.ClipRequested, CustodyAction.ClipRequestApproved, CustodyAction.ClipRequestDenied,
        }));
    }

    private async Task<ClipRequestView> RequestAsync() =>
        await (await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = "Complaint 2026-120" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.Created);

    private async Task<string> DownloadAsync(Guid exportId)
    {
        var response = await BoardClient().GetAsync($"/api/exports/{exportId}/download");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var path = Path.Combine(_api.DataRoot, $"export-{exportId:N}.zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>The source item's custody events whose reason names the request, in ledger order.</summary>
    private async Task<CustodyAction[]> ActionsAboutAsync(Guid requestId)
    {
        await using var db = _api.OpenDb();
        var exportId = await db.ClipRequests.Where(r => r.Id == requestId).Select(r => r.ExportId).SingleAsync();
        var events = await db.CustodyEvents.Where(e => e.EvidenceId == _item).OrderBy(e => e.Sequence).ToListAsync();
        return [.. events
            .Where(e => e.Reason != null && (e.Reason.Contains(requestId.ToString()) || (exportId != null && e.Reason.Contains(exportId.Value.ToString()))))
            .Select(e => e.Action)];
    }

    private HttpClient BoardClient() => _api.ClientFor(Roles.OversightBoard, Board);

    private HttpClient Supervisor() => _api.ClientFor(Roles.Supervisor, "second-supervisor", ClipExportVideo.Unit);

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "second-custodian");
}
