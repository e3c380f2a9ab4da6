using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Features.Review;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// A board asking for a clip learns nothing of the item it names: whatever the item's state, the answer is the same. The
/// item's facts are shown to the supervisor or custodian who reviews the request, and refuse, as a 422 and a custody
/// event, an approval they do not allow.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ClipRequestReviewTests(ApiProfile profile)
{
    private const string Board = "review-board";
    private const string Purpose = "Complaint 2026-201";

    private EvidenceApiFactory _api = null!;
    private Guid _item;

    [OneTimeSetUp]
    public async Task StartServerWithAVideo() => (_api, _item) = await ClipExportVideo.StartAsync(profile, testServices: null);

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_board_is_answered_alike_for_any_item_and_the_reviewer_sees_and_is_refused_on_the_facts()
    {
        var quarantined = await UploadAsync(update => update.SetProperty(e => e.Status, EvidenceStatus.Quarantined));
        var disposed = await UploadAsync(update => update.SetProperty(e => e.Disposition, DispositionState.SoftDeleted));
        var unreadable = await UploadAsync(update => update.SetProperty(e => e.ProbeStatus, ProbeStatus.Unreadable));
        var facts = new Dictionary<Guid, string>
        {
            [Guid.NewGuid()] = "which does not exist",
            [quarantined] = "is Quarantined and Retained",
            [disposed] = "is Verified and SoftDeleted",
            [unreadable] = "cannot be clipped: ffprobe cannot read its media.",
            [_item] = "The recording lasts 12",
        };
        var possible = await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = Purpose });
        var impossible = new Dictionary<Guid, HttpResponseMessage>();
        foreach (var evidenceId in facts.Keys)
        {
            impossible[evidenceId] = await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId, startSeconds = 1, endSeconds = 12.5, purpose = Purpose });
        }

        var expected = await WithoutWhatTheBoardSentAsync(possible);
        foreach (var (evidenceId, response) in impossible)
        {
            Assert.That(await WithoutWhatTheBoardSentAsync(response), Is.EqualTo(expected), facts[evidenceId]);
        }
        var refusedBefore = await ApprovalRefusalsAsync();
        foreach (var (evidenceId, response) in impossible)
        {
            var request = await response.ReadAsync<ClipRequestView>(HttpStatusCode.Created);
            var reviewed = await (await Custodian().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
            var approval = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" });
            var seenByBoard = await (await BoardClient().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);

            Assert.That(reviewed.Impediment, Does.Contain(facts[evidenceId]));
            var problem = await approval.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(facts[evidenceId]).And.Contain(request.Id.ToString()));
            Assert.That((seenByBoard.Status, seenByBoard.Impediment, seenByBoard.Approvals.Count), Is.EqualTo(("Requested", (string?)null, 0)));
        }
        var fine = await (await Custodian().GetAsync($"/api/clip-requests/{(await possible.ReadAsync<ClipRequestView>(HttpStatusCode.Created)).Id}"))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        Assert.That(fine.Impediment, Is.Null);
        var refusals = await ApprovalRefusalsAsync();
        Assert.That(refusals.Skip(refusedBefore.Count).Select(e => (e.EvidenceId, e.ActorId, e.Outcome)),
            Is.EquivalentTo(facts.Keys.Select(id => ((Guid?)id, "review-custodian", CustodyOutcome.Denied))));
    }

    [Test]
    public async Task A_request_naming_no_item_is_no_supervisors_to_read_or_decide_and_a_custodian_denies_it()
    {
        var request = await (await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = Guid.NewGuid(), startSeconds = 1, endSeconds = 2, purpose = Purpose }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.Created);
        await using (var db = _api.OpenDb())
        {
            var requested = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.ClipRequested && e.EvidenceId == request.EvidenceId);
            Assert.That((requested.ActorId, requested.ContentSha256), Is.EqualTo((Board, (string?)null)));
        }

        var read = await Supervisor().GetAsync($"/api/clip-requests/{request.Id}");
        var denial = await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason = "No such recording" });
        var denied = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason = "No such recording" });

        await read.AssertProblemAsync(HttpStatusCode.Forbidden);
        await denial.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await denied.ReadAsync<ClipRequestView>(HttpStatusCode.OK)).Status, Is.EqualTo("Denied"));
        var seen = await (await BoardClient().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        Assert.That((seen.Status, seen.Reason), Is.EqualTo(("Denied", "No such recording")));
        await using var reader = _api.OpenDb();
        var actions = await reader.CustodyEvents.Where(e => e.EvidenceId == request.EvidenceId).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.ActorId }).ToListAsync();
        Assert.That(actions.Select(e => (e.Action, e.ActorId)), Is.EqualTo(new[]
        {
            (CustodyAction.ClipRequested, Board), (CustodyAction.AccessDenied, "review-supervisor"), (CustodyAction.AccessDenied, "review-supervisor"),
            (CustodyAction.ClipRequestDenied, "review-custodian"),
        }));
    }

    [TestCase("a rectangle outside the frame", "redactions[0]: the rectangle must lie within the 320×240 frame")]
    [TestCase("a bookmark of another item", "has no bookmark")]
    [TestCase("an unknown bookmark", "has no bookmark")]
    [TestCase("a window around a span", "marks a span")]
    public async Task What_only_the_item_can_say_is_no_400_to_the_board_but_a_422_to_the_approver(string asked, string fact)
    {
        object body = asked switch
        {
            "a rectangle outside the frame" => new
            {
                evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = Purpose,
                redactions = new[] { new { kind = "blur", startSeconds = 1, endSeconds = 2, x = 300, y = 0, width = 40, height = 20 } },
            },
            "a bookmark of another item" => new { evidenceId = _item, bookmarkId = await BookmarkAsync(await UploadAsync(null), 1.0, 2.0), purpose = Purpose },
            "an unknown bookmark" => new { evidenceId = _item, bookmarkId = Guid.NewGuid(), purpose = Purpose },
            _ => new { evidenceId = _item, bookmarkId = await BookmarkAsync(_item, 1.0, 2.0), afterSeconds = 1, purpose = Purpose },
        };

        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", body);

        var request = await response.ReadAsync<ClipRequestView>(HttpStatusCode.Created);
        var reviewed = await (await Supervisor().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        var approval = await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" });
        Assert.That(reviewed.Impediment, Does.Contain(fact));
        Assert.That((await approval.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), Does.Contain(fact));
        var refusal = (await ApprovalRefusalsAsync()).Single(e => e.Reason!.Contains(request.Id.ToString()));
        Assert.That((refusal.EvidenceId, refusal.ActorId, refusal.Outcome), Is.EqualTo(((Guid?)_item, "review-supervisor", CustodyOutcome.Denied)));
    }

    /// <summary>The answer's body less what the board itself sent or the server numbered: the id, the item named, the time, the range.</summary>
    private static async Task<string> WithoutWhatTheBoardSentAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        foreach (var sent in new[] { "id", "evidenceId", "requestedAt", "endSeconds" })
        {
            Assert.That(body.Remove(sent), Is.True, sent);
        }
        return $"{(int)response.StatusCode} {response.Headers.Location?.ToString().Split('/')[^2]} {body.ToJsonString()}";
    }

    /// <summary>Another recording of the clip officer, put in a state by hand as a crash, a purge or a failed probe leaves it.</summary>
    private async Task<Guid> UploadAsync(Action<UpdateSettersBuilder<EvidenceItem>>? state)
    {
        var evidenceId = await _api.UploadVerifiedRecordingAsync(ClipExportVideo.OfficerId);
        if (state is not null)
        {
            await using var db = _api.OpenDb();
            await db.EvidenceItems.Where(e => e.Id == evidenceId).ExecuteUpdateAsync(state);
        }
        return evidenceId;
    }

    private async Task<Guid> BookmarkAsync(Guid item, double start, double? end)
    {
        var response = await Supervisor().PostAsJsonAsync($"/api/evidence/{item}/bookmarks", new { startSeconds = start, endSeconds = end, label = "Use of force" });
        return (await response.ReadAsync<ReviewerBookmark>(HttpStatusCode.Created)).Id;
    }

    private async Task<List<CustodyEvent>> ApprovalRefusalsAsync()
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.AsNoTracking().Where(e => e.Action == CustodyAction.ClipApprovalRefused).OrderBy(e => e.Sequence).ToListAsync();
    }

    private HttpClient BoardClient() => _api.ClientFor(Roles.OversightBoard, Board);

    private HttpClient Supervisor() => _api.ClientFor(Roles.Supervisor, "review-supervisor", ClipExportVideo.Unit);

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "review-custodian");
}
