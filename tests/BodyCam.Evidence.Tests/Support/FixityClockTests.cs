using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Each test runs its own host on a fake clock it moves past <c>Fixity:Interval</c> (30 days). The schedule never
/// fires on its own here: runs are the test's, by the job or through the admin endpoint. Test recordings are 46 bytes.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public abstract class FixityClockTests(ApiProfile profile)
{
    private const string Never = "0 0 31 2 *";
    protected static readonly TimeSpan Interval = TimeSpan.FromDays(30);

    private EvidenceApiFactory? _api;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected EvidenceApiFactory Api => _api ?? throw new InvalidOperationException("The test has not started its server.");

    [TearDown]
    public async Task StopServer()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    protected EvidenceSettings Settings => Api.Service<EvidenceSettings>();

    /// <summary>The clock starts on a whole second: PostgreSQL keeps microseconds, and times are compared exactly.</summary>
    protected async Task StartAsync(params (string Key, string Value)[] settings)
    {
        var now = DateTimeOffset.UtcNow;
        Clock = new FakeTimeProvider(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        _api = await EvidenceApiFactory.StartAsync(
            profile, overNetwork: false, services => services.AddSingleton<TimeProvider>(Clock), [("Fixity:Schedule", Never), .. settings]);
    }

    protected async Task<EvidenceItem> ItemAsync(Guid evidenceId)
    {
        await using var db = Api.OpenDb();
        return await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == evidenceId);
    }

    protected async Task<string> BlobNameOfAsync(Guid evidenceId) => (await ItemAsync(evidenceId)).BlobName;

    protected async Task<List<CustodyEvent>> EventsAsync(Guid evidenceId, CustodyAction action)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.AsNoTracking().Where(e => e.EvidenceId == evidenceId && e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }
}
