using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Retention;

public sealed class RetentionTests(ApiProfile profile) : RetentionClockTests(profile)
{
    [Test]
    public void Retention_is_the_longest_of_the_known_categories_and_indefinite_wins()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [30, 3650], 180), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(3650), false)));
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [30, null], 180), Is.EqualTo(((DateTimeOffset?)null, false)));
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [], 180), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(180), true)));
        });
    }

    [Test]
    public async Task Uncategorised_item_takes_the_default_and_a_category_change_recomputes_it_with_a_custody_event()
    {
        await PutCategoryAsync("traffic", 30);
        var uncategorised = await Api.UploadVerifiedRecordingAsync("officer-r1");
        var traffic = await Api.UploadVerifiedRecordingAsync("officer-r1", category: "traffic");

        Assert.That(await RetentionOfAsync(uncategorised), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(180), true)));
        Assert.That(await RetentionOfAsync(traffic), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(30), false)));

        await PutCategoryAsync("traffic", null);
        await RunAsync<RecomputeCategoryRetentionJob>(job => job.RunAsync("traffic", CancellationToken.None));

        Assert.That(await RetentionOfAsync(traffic), Is.EqualTo(((DateTimeOffset?)null, false)));
        Assert.That(await ActionsOfAsync(traffic), Does.Contain(CustodyAction.RetentionChanged));
    }

    private async Task PutCategoryAsync(string id, int? retentionDays) =>
        (await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/categories/{id}", new { name = id, retentionDays })).EnsureSuccessStatusCode();

    private async Task<(DateTimeOffset? Until, bool ByDefault)> RetentionOfAsync(Guid item)
    {
        await using var db = Api.OpenDb();
        var row = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == item);
        return (row.RetainUntil, row.RetainedByDefault);
    }
}
