using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// Request latency as a server sees it: many single requests one after another, each iteration one call. The
/// NoForcedGc job is the realistic one. ForcedGc is BenchmarkDotNet's default for a single-invocation job: a full
/// collection before every request, which leaves every request with cold CPU caches; it is kept for comparison with
/// the numbers measured that way before.
/// </summary>
public sealed class RequestLatencyConfig : ManualConfig
{
    public RequestLatencyConfig()
    {
        var single = Job.Default.WithStrategy(RunStrategy.Monitoring).WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(50).WithIterationCount(1000).WithLaunchCount(1);
        AddJob(single.WithGcForce(false).WithId("NoForcedGc"), single.WithGcForce(true).WithId("ForcedGc"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
