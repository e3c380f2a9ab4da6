using System.Globalization;
using BenchmarkDotNet.Running;
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
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point; BenchmarkDotNet finds the benchmarks by reflection, <see cref="SequentialRequests"/> likewise; <see cref="AzurePlaybackComparison"/> is a mode of its own.</summary>
public partial class Program;
