using System.Net;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Each test runs its own host on a clock it moves: recordings are made on 2026-11-26, and the default retention is
/// 180 days, so a year on every uncategorised recording is past its retention. Retention, disposition and legal holds
/// are tested on this timeline.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public abstract class RetentionClockTests(ApiProfile profile)
{
    protected static readonly DateTimeOffset RecordedStart = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan AYear = TimeSpan.FromDays(365);

    protected EvidenceApiFactory Api { get; private set; } = null!;

    protected MovableClock Clock { get; private set; } = null!;

    [SetUp]
    public async Task StartServer()
    {
        Clock = new MovableClock();
        Api = await EvidenceApiFactory.StartAsync(
            profile, overNetwork: true, services => services.AddSingleton<TimeProvider>(Clock), ("Retention:DefaultDays", "180"), ("Retention:SoftDeleteDays", "30"));
    }

    [TearDown]
    public async Task StopServer() => await Api.DisposeAsync();

    /// <summary>Text of the given length, opening and closing with a letter, so that trimming leaves it whole.</summary>
    protected static string Text(char letter, int length) => string.Concat(Enumerable.Repeat($"{letter}{letter} ", length))[..(length - 1)] + letter;

    protected static async Task AssertRefusedNamingAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    protected HttpClient Custodian(string name) => Api.ClientFor(Roles.Custodian, name);

    protected async Task LinkToCaseAsync(Guid item, string caseNumber, CaseStatus status)
    {
        await using var db = Api.OpenDb();
        if (!await db.Cases.AnyAsync(c => c.CaseNumber == caseNumber))
        {
            var @case = Case.Open(caseNumber, "Case " + caseNumber, "carol", Clock.GetUtcNow());
            @case.Describe(@case.Title, status, Clock.GetUtcNow());
            db.Cases.Add(@case);
        }
        db.CaseLinks.Add(CaseLink.Link(item, caseNumber, "carol", Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    protected async Task RunAsync<TJob>(Func<TJob, Task> run)
        where TJob : notnull
    {
        await using var scope = Api.Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    protected async Task<TResult> RunAsync<TJob, TResult>(Func<TJob, Task<TResult>> run)
        where TJob : notnull
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    protected async Task<List<CustodyAction>> ActionsOfAsync(Guid item)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.Where(e => e.EvidenceId == item).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    protected sealed record RequestRow(Guid Id);
}
