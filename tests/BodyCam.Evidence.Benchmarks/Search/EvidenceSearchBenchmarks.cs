using System.Globalization;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Benchmarks.Ledger;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// Single requests of evidence search and of an item's detail (the handlers behind GET /api/evidence and
/// GET /api/evidence/{id}) over a bulk-loaded database of 1M items (see <see cref="BenchmarkEvidence"/>), each with
/// its own random filter values, as a custodian (who sees every item, so nothing narrows the search but its
/// filters) and as a supervisor (scoped to a unit). Run, with the test services up:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*EvidenceSearch*'
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class EvidenceSearchBenchmarks
{
    private ServiceProvider _services = null!;
    private GetEvidenceItemsHandler _custodianSearch = null!;
    private GetEvidenceItemsHandler _supervisorSearch = null!;
    private GetEvidenceItemHandler _detail = null!;

    [Params(1_000_000)]
    public long Items { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _services = await BenchmarkEvidence.SeededAsync(Items);
        _custodianSearch = new GetEvidenceItemsHandler(_services.OpenDb(), new BenchmarkCaller(Roles.Custodian, null));
        _supervisorSearch = new GetEvidenceItemsHandler(_services.OpenDb(), new BenchmarkCaller(Roles.Supervisor, "unit-" + Random.Shared.Next(40).ToString("00", CultureInfo.InvariantCulture)));
        _detail = new GetEvidenceItemHandler(_services.OpenDb());
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    /// <summary>One officer's recordings in a random 30-day window: about 14 of their 500.</summary>
    [Benchmark]
    public ValueTask<EvidencePage> OfficerAndTimeRange()
    {
        var from = RandomTime(TimeSpan.FromDays(30));
        return _custodianSearch.Handle(Search(officerId: Officer(), from: Iso(from), to: Iso(from.AddDays(30))), CancellationToken.None);
    }

    /// <summary>
    /// Everything recorded in a random 10-minute window (about 10 items): no other filter narrows it, so the range
    /// index must; read newest first, the list would be walked from the window's end to the very first item.
    /// </summary>
    [Benchmark]
    public ValueTask<EvidencePage> TimeWindow()
    {
        var from = RandomTime(TimeSpan.FromMinutes(10));
        return _custodianSearch.Handle(Search(from: Iso(from), to: Iso(from.AddMinutes(10))), CancellationToken.None);
    }

    /// <summary>The first page of one of the 12 categories, from the commonest (29% of items) to the rarest (1.5%).</summary>
    [Benchmark]
    public ValueTask<EvidencePage> Category() =>
        _custodianSearch.Handle(Search(category: "cat-" + Random.Shared.Next(BenchmarkEvidence.CategoryCount)), CancellationToken.None);

    /// <summary>A person's name: in about 10 notes, 5 reviewer bookmarks and a case title.</summary>
    [Benchmark]
    public ValueTask<EvidencePage> TextName() =>
        _custodianSearch.Handle(Search(text: BenchmarkEvidence.Surname(Random.Shared.Next(BenchmarkEvidence.Surnames))), CancellationToken.None);

    /// <summary>A street and the beginning of a name (a prefix of 4 letters): every word must match, anywhere in the item.</summary>
    [Benchmark]
    public ValueTask<EvidencePage> TextStreetAndNamePrefix() =>
        _custodianSearch.Handle(
            Search(text: $"{BenchmarkEvidence.Street(Random.Shared.Next(BenchmarkEvidence.Streets))} {BenchmarkEvidence.Surname(Random.Shared.Next(BenchmarkEvidence.Surnames))[..4]}"),
            CancellationToken.None);

    /// <summary>A random 0.005° square (about 340 × 560 m) in the city the tracks cover.</summary>
    [Benchmark]
    public ValueTask<EvidencePage> Area()
    {
        var west = BenchmarkEvidence.West + (Random.Shared.NextDouble() * (BenchmarkEvidence.Width - 0.005));
        var south = BenchmarkEvidence.South + (Random.Shared.NextDouble() * (BenchmarkEvidence.Height - 0.005));
        return _custodianSearch.Handle(
            Search(bbox: string.Create(CultureInfo.InvariantCulture, $"{west:F6},{south:F6},{west + 0.005:F6},{south + 0.005:F6}")), CancellationToken.None);
    }

    /// <summary>A supervisor's first page with no filter: the newest 50 of their unit's 25,000 items.</summary>
    [Benchmark]
    public ValueTask<EvidencePage> SupervisorUnit() => _supervisorSearch.Handle(Search(), CancellationToken.None);

    [Benchmark]
    public ValueTask<EvidenceItemDetails> Detail() =>
        _detail.Handle(new GetEvidenceItem(BenchmarkEvidence.ItemId(Random.Shared.NextInt64(Items))), CancellationToken.None);

    private static GetEvidenceItems Search(
        string? officerId = null, string? from = null, string? to = null, string? category = null, string? text = null, string? bbox = null) =>
        new(officerId, null, null, from, to, category, null, null, text, bbox, null, null);

    private static string Officer() => "officer-" + Random.Shared.Next(BenchmarkEvidence.Officers).ToString("0000", CultureInfo.InvariantCulture);

    private static DateTimeOffset RandomTime(TimeSpan before) =>
        BenchmarkEvidence.Start + ((BenchmarkEvidence.End - BenchmarkEvidence.Start - before) * Random.Shared.NextDouble());

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
