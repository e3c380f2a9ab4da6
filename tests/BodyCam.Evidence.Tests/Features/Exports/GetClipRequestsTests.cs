using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>The list of clip requests holds exactly those a caller may open one by one, newest first, in pages.</summary>
public sealed class GetClipRequestsTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task A_board_lists_only_its_own_requests_newest_first_page_by_page()
    {
        var board = NewName("board");
        var asked = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            asked.Add(await RequestAsync(board, Guid.NewGuid()));
        }
        var otherBoards = await RequestAsync(NewName("board"), Guid.NewGuid());

        var first = await ListAsync(Api.ClientFor(Roles.OversightBoard, board), "?pageSize=2");
        var second = await ListAsync(Api.ClientFor(Roles.OversightBoard, board), "?page=2&pageSize=2");

        Assert.Multiple(() =>
        {
            Assert.That((first.Items.Select(r => r.Id), first.HasMore), Is.EqualTo((new[] { asked[2], asked[1] }, true)));
            Assert.That((second.Items.Select(r => r.Id), second.HasMore), Is.EqualTo((new[] { asked[0] }, false)));
            Assert.That(first.Items.Concat(second.Items).Select(r => (r.RequestedBy, r.Status, r.Purpose)),
                Has.All.EqualTo((board, "Requested", "Complaint 2026-301")));
            Assert.That(first.Items.Concat(second.Items).Select(r => r.Id), Does.Not.Contain(otherBoards));
        });
    }

    [Test]
    public async Task A_supervisor_lists_the_requests_about_items_of_their_unit_and_custodians_and_auditors_all()
    {
        var north = await ItemOfUnitAsync("North");
        var south = await ItemOfUnitAsync("South");
        var board = NewName("board");
        var aboutNorth = await RequestAsync(board, north);
        var aboutSouth = await RequestAsync(board, south);
        var aboutNoItem = await RequestAsync(board, Guid.NewGuid());

        var supervisor = await ListAsync(Api.ClientFor(Roles.Supervisor, "sam", "North"), "?pageSize=100");
        var custodian = await ListAsync(Api.ClientFor(Roles.Custodian, "cas"), "?pageSize=100");
        var auditor = await ListAsync(Api.ClientFor(Roles.Auditor, "aud"), "?pageSize=100");

        Assert.Multiple(() =>
        {
            Assert.That(supervisor.Items.Select(r => r.Id), Does.Contain(aboutNorth).And.Not.Contain(aboutSouth).And.Not.Contain(aboutNoItem));
            Assert.That(supervisor.Items.Select(r => r.EvidenceId), Has.All.EqualTo(north));
            Assert.That(custodian.Items.Select(r => r.Id), Is.SupersetOf(new[] { aboutNoItem, aboutSouth, aboutNorth }));
            Assert.That(auditor.Items.Select(r => r.Id), Is.SupersetOf(new[] { aboutNoItem, aboutSouth, aboutNorth }));
        });
    }

    [Test]
    public async Task An_officer_is_refused_and_a_page_size_out_of_bounds_is_a_400_naming_it()
    {
        var officer = await Api.ClientFor(Roles.Officer, "ola", "North").GetAsync("/api/clip-requests");
        var tooMany = await Api.ClientFor(Roles.Custodian, "cas").GetAsync($"/api/clip-requests?pageSize={GetClipRequestsValidator.MaxPageSize + 1}");
        var noPage = await Api.ClientFor(Roles.Custodian, "cas").GetAsync("/api/clip-requests?page=0");

        await officer.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.That((await noPage.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("page", out _));
    }

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task<Guid> ItemOfUnitAsync(string unit)
    {
        var officer = NewName("officer");
        (await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officer}", new { name = "Officer of " + unit, unit })).EnsureSuccessStatusCode();
        return await Api.UploadVerifiedRecordingAsync(officer);
    }

    private async Task<Guid> RequestAsync(string board, Guid evidenceId) =>
        (await (await Api.ClientFor(Roles.OversightBoard, board).PostAsJsonAsync("/api/clip-requests",
                new { evidenceId, startSeconds = 1, endSeconds = 3, purpose = "Complaint 2026-301" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.Created)).Id;

    private static async Task<ClipRequestsPage> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync("/api/clip-requests" + query)).ReadAsync<ClipRequestsPage>(HttpStatusCode.OK);
}
