using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.LegalHolds;

public sealed class LegalHoldTests(ApiProfile profile) : RetentionClockTests(profile)
{
    [Test]
    public async Task A_hold_or_release_reason_of_the_longest_length_is_quoted_whole_and_one_more_is_a_400_naming_it()
    {
        var item = await Api.UploadVerifiedRecordingAsync("officer-r5");
        var caseNumber = new string('9', 64);
        await LinkToCaseAsync(item, caseNumber, CaseStatus.Closed);
        var (placed, released) = (Text('p', CustodyEvent.MaxReasonTextLength), Text('r', CustodyEvent.MaxReasonTextLength));

        var place = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new
        {
            reason = placed, matter = Text('m', 200), evidenceIds = new[] { item }, caseNumber,
            officerId = "officer-r5", from = RecordedStart.AddHours(-1), to = RecordedStart.AddHours(1),
        });
        Assert.That(place.StatusCode, Is.EqualTo(HttpStatusCode.Created), await place.Content.ReadAsStringAsync());
        var hold = (await place.Content.ReadFromJsonAsync<RequestRow>())!.Id;
        var release = await Custodian("carol").PostAsJsonAsync($"/api/legal-holds/{hold}/release", new { reason = released });
        Assert.That(release.StatusCode, Is.EqualTo(HttpStatusCode.OK), await release.Content.ReadAsStringAsync());

        await using (var db = Api.OpenDb())
        {
            var reasons = await db.CustodyEvents.Where(e => e.Reason!.StartsWith($"legal hold {hold}"))
                .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.EvidenceId, e.Reason }).ToListAsync();
            Assert.That(reasons.Select(e => (e.Action, e.EvidenceId)), Is.EqualTo(new[]
            {
                (CustodyAction.LegalHoldPlaced, (Guid?)null), (CustodyAction.LegalHoldPlaced, item),
                (CustodyAction.LegalHoldReleased, null), (CustodyAction.LegalHoldReleased, item),
            }));
            Assert.That(reasons.Take(2).Select(e => e.Reason), Is.All.EndsWith("; " + placed));
            Assert.That(reasons.Skip(2).Select(e => e.Reason), Is.All.EndsWith("; " + released));
        }

        var longer = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new
        {
            reason = placed + "p", matter = "Doe v. City", evidenceIds = new[] { item },
        });
        var another = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new { reason = placed, matter = "Doe v. City", evidenceIds = new[] { item } });
        Assert.That(another.StatusCode, Is.EqualTo(HttpStatusCode.Created), await another.Content.ReadAsStringAsync());
        var longerRelease = await Custodian("carol").PostAsJsonAsync(
            $"/api/legal-holds/{(await another.Content.ReadFromJsonAsync<RequestRow>())!.Id}/release", new { reason = released + "r" });
        await AssertRefusedNamingAsync(longer, "reason");
        await AssertRefusedNamingAsync(longerRelease, "reason");
    }
}
