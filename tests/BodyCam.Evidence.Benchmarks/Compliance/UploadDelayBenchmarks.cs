using System.Globalization;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Benchmarks.Ledger;
using BodyCam.Evidence.Benchmarks.Search;
using BodyCam.Evidence.Features.Compliance;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Benchmarks.Compliance;

/// <summary>
/// The upload-delay compliance view (GET /api/compliance/upload-delays) over the search benchmark's 1M items (see
/// <see cref="BenchmarkEvidence"/>): a random 30-day period, about 27,000 recordings for a custodian and 700 of one
/// unit for a supervisor, each grouped per dock and per officer. Run, with the test services up:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*UploadDelay*'
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class UploadDelayBenchmarks
{
    private const long Items = 1_000_000;

    private ServiceProvider _services = null!;
    private GetUploadDelaysHandler _custodian = null!;
    private GetUploadDelaysHandler _supervisor = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _services = await BenchmarkEvidence.SeededAsync(Items);
        _custodian = new GetUploadDelaysHandler(_services.OpenDb(), new BenchmarkCaller(Roles.Custodian, null), TimeProvider.System);
        _supervisor = new GetUploadDelaysHandler(
            _services.OpenDb(), new BenchmarkCaller(Roles.Supervisor, "unit-" + Random.Shared.Next(40).ToString("00", CultureInfo.InvariantCulture)),
            TimeProvider.System);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    [Benchmark]
    public ValueTask<UploadDelayReport> Custodian30Days() => _custodian.Handle(Period(), CancellationToken.None);

    [Benchmark]
    public ValueTask<UploadDelayReport> Supervisor30Days() => _supervisor.Handle(Period(), CancellationToken.None);

    private static GetUploadDelays Period()
    {
        var from = BenchmarkEvidence.Start + ((BenchmarkEvidence.End - BenchmarkEvidence.Start - TimeSpan.FromDays(30)) * Random.Shared.NextDouble());
        return new GetUploadDelays(Iso(from), Iso(from.AddDays(30)));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
