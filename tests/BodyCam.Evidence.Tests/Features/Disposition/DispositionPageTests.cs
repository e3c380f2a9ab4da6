using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Disposition;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Disposition;

/// <summary>Recordings made in 2020 are past a 180-day retention; approved items are purgeable at once (no restore window).</summary>
public sealed class DispositionPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    protected override (string Key, string Value)[] Settings => [("Retention:DefaultDays", "180"), ("Retention:SoftDeleteDays", "0")];

    [Test]
    public async Task One_custodian_requests_a_disposition_cannot_approve_it_and_a_second_custodian_approves_it_in_another_browser()
    {
        var (carol, dave) = ("carol-" + Guid.NewGuid().ToString("N")[..6], "dave-" + Guid.NewGuid().ToString("N")[..6]);
        var disposed = await RecordedIn2020Async();
        var stillEligible = await RecordedIn2020Async();
        await RunAsync<SweepRetentionJob, int>(job => job.RunAsync(CancellationToken.None));

        await SignInAsync(carol, Roles.Custodian);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disposition" }).First.ClickAsync();
        await Page.GetByLabel($"Reason to dispose of {disposed}").FillAsync("Retention ended; no complaint or case");
        await RowOf(Page, disposed).GetByRole(AriaRole.Button, new() { Name = "Request" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Disposition of {disposed} requested");
        var pending = RowOf(Page, disposed);
        await Assertions.Expect(pending).ToContainTextAsync($"by {carol}");
        await Assertions.Expect(pending).ToContainTextAsync($"Needs a custodian other than {carol}.");
        await Assertions.Expect(RowOf(Page, stillEligible).GetByRole(AriaRole.Button, new() { Name = "Request" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "disposition-queue");

        await pending.GetByRole(AriaRole.Button, new() { Name = $"Approve the disposition of {disposed}" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("two different custodians");
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("recorded in the custody log");
        await Accessibility.AssertNoViolationsAsync(Page);

        var second = await OpenAnotherPageAsync();
        await SignInAsync(second, dave, Roles.Custodian);
        await second.GotoAsync("/disposition");
        await RowOf(second, disposed).GetByRole(AriaRole.Button, new() { Name = $"Approve the disposition of {disposed}" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync($"Disposition of {disposed} approved");

        await second.GetByLabel("Status").SelectOptionAsync("Approved");
        await second.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(RowOf(second, disposed)).ToContainTextAsync($"Approved by {dave}");
        await using (var db = Api.OpenDb())
        {
            var request = await db.DispositionRequests.SingleAsync(r => r.EvidenceId == disposed);
            Assert.That((request.RequestedBy, request.ApprovedBy), Is.EqualTo((carol, dave)));
            var refused = await db.CustodyEvents.Where(e => e.EvidenceId == disposed && e.Action == CustodyAction.AccessDenied).Select(e => e.ActorId).ToListAsync();
            Assert.That(refused, Is.EqualTo(new[] { carol }));
        }

        var certificate = await RunAsync<PurgeDisposedJob, Guid?>(job => job.RunAsync(CancellationToken.None));
        await second.GotoAsync("/disposition");
        await second.GetByRole(AriaRole.Link, new() { Name = certificate.ToString() }).ClickAsync();
        await Assertions.Expect(second.GetByLabel($"Signed certificate {certificate}")).ToContainTextAsync("BodyCam.Evidence disposition certificate v1");
        await Assertions.Expect(second.GetByLabel($"Signed certificate {certificate}")).ToContainTextAsync(disposed.ToString());
        await Accessibility.AssertNoViolationsAsync(second);
    }

    private async Task<Guid> RecordedIn2020Async()
    {
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        return await dock.UploadVerifiedRecordingAsync(
            "officer-d1", new Dictionary<string, string> { ["recordedStart"] = "2020-03-01T08:00:00Z", ["recordedEnd"] = "2020-03-01T08:05:00Z" });
    }

    private static ILocator RowOf(IPage page, Guid evidenceId) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = evidenceId.ToString() }).Last;

    private async Task<TResult> RunAsync<TJob, TResult>(Func<TJob, Task<TResult>> run)
        where TJob : notnull
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}
