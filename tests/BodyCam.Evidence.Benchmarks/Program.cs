using System.Globalization;
using BenchmarkDotNet.Running;
using BodyCam.Evidence.Benchmarks.Exports;
using BodyCam.Evidence.Benchmarks.Playback;
using BodyCam.Evidence.Benchmarks.Search;

if (args is ["sequential", var typeFilter, .. var rest])
{
    await SequentialRequests.RunAsync(typeFilter, rest is [var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 2000);
    return;
}
if (args is ["playback-azure", .. var options])
{
    await AzurePlaybackComparison.RunAsync(options);
    return;
}
if (args is ["verify-page", .. var sizeAndRuns])
{
    await VerifyPageTiming.RunAsync(sizeAndRuns);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point; BenchmarkDotNet finds the benchmarks by reflection, <see cref="SequentialRequests"/> likewise; <see cref="AzurePlaybackComparison"/> and <see cref="VerifyPageTiming"/> are modes of their own.</summary>
public partial class Program;
