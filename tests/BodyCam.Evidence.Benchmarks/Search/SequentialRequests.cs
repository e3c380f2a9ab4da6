using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Features.Compliance;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// The benchmarks of <see cref="RequestLatencyConfig"/> timed without BenchmarkDotNet: each request awaited with a
/// stopwatch around it, one after another, as a server's handler awaits it, after a warm-up. Four ways, to tell
/// the request from the harness: awaited in a row; blocked on by the calling thread, as BenchmarkDotNet's engine
/// does; awaited after a pause of <see cref="IdleMilliseconds"/> (the machine idle between requests, as on a quiet
/// server); and awaited after <see cref="BusyMilliseconds"/> of work on the calling thread, as BenchmarkDotNet's
/// bookkeeping between two iterations. Run: <c>BodyCam.Evidence.Benchmarks.dll sequential LedgerProof [requests]</c>.
/// </summary>
internal static class SequentialRequests
{
    private const int WarmUp = 200;
    private const int IdleMilliseconds = 2;
    private const double BusyMilliseconds = 0.3;

    public static async Task RunAsync(string typeFilter, int requests)
    {
        var types = typeof(SequentialRequests).Assembly.GetTypes()
            .Where(type => type.Name.Contains(typeFilter, StringComparison.OrdinalIgnoreCase) && type.GetMethods().Any(IsBenchmark))
            .OrderBy(type => type.Name);
        Console.WriteLine($"requests: {requests} per line after {WarmUp} warm-up ones; milliseconds");
        Console.WriteLine("| benchmark | parameters | way | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var type in types)
        {
            foreach (var parameters in ParameterCombinations(type))
            {
                var benchmark = Activator.CreateInstance(type)!;
                foreach (var (property, value) in parameters)
                {
                    property.SetValue(benchmark, value is IConvertible ? Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture) : value);
                }
                await InvokeAsync<GlobalSetupAttribute>(benchmark);
                foreach (var method in type.GetMethods().Where(IsBenchmark))
                {
                    var request = (Func<Task>)Delegate.CreateDelegate(typeof(Func<Task>), benchmark, method);
                    var name = $"{type.Name}.{method.Name}";
                    var described = string.Join(", ", parameters.Select(p => $"{p.Property.Name}={p.Value}"));
                    Report(name, described, "awaited in a row", await TimeAsync(request, requests, () => { }));
                    Report(name, described, "blocked on in a row", await TimeAsync(BlockingOn(request), requests, () => { }));
                    Report(name, described, $"awaited after {IdleMilliseconds} ms idle", await TimeAsync(request, requests, () => Thread.Sleep(IdleMilliseconds)));
                    Report(name, described, $"awaited after {BusyMilliseconds} ms busy", await TimeAsync(request, requests, Busy));
                }
                await InvokeAsync<GlobalCleanupAttribute>(benchmark);
            }
        }
    }

    private static async Task<double[]> TimeAsync(Func<Task> request, int requests, Action before)
    {
        var times = new double[requests];
        for (var i = -WarmUp; i < requests; i++)
        {
            before();
            var start = Stopwatch.GetTimestamp();
            await request();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }
        return times;
    }

    /// <summary>The calling thread waits for the request inside the timed interval; awaiting the finished task costs nothing.</summary>
    private static Func<Task> BlockingOn(Func<Task> request) => () =>
    {
        request().GetAwaiter().GetResult();
        return Task.CompletedTask;
    };

    private static void Busy()
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < BusyMilliseconds)
        {
            Thread.SpinWait(10);
        }
    }

    private static void Report(string benchmark, string parameters, string way, double[] times)
    {
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {benchmark} | {parameters} | {way} | {Percentiles.Of(times, 0.5):0.000} | {Percentiles.Of(times, 0.95):0.000} | {Percentiles.Of(times, 0.99):0.000} | {times[^1]:0.000} |"));
    }

    private static bool IsBenchmark(MethodInfo method) => method.GetCustomAttribute<BenchmarkAttribute>() is not null;

    private static IEnumerable<List<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type type)
    {
        IEnumerable<List<(PropertyInfo, object?)>> combinations = [[]];
        foreach (var property in type.GetProperties())
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()?.Values
                ?? (property.GetCustomAttribute<ParamsSourceAttribute>() is { } source
                    ? ((System.Collections.IEnumerable)type.GetProperty(source.Name)!.GetValue(null)!).Cast<object?>().ToArray()
                    : null);
            if (values is null)
            {
                continue;
            }
            combinations = combinations.SelectMany(combination => values.Select(value => (List<(PropertyInfo, object?)>)[.. combination, (property, value)])).ToList();
        }
        return combinations;
    }

    private static async Task InvokeAsync<TAttribute>(object benchmark)
        where TAttribute : Attribute
    {
        foreach (var method in benchmark.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            if (method.Invoke(benchmark, null) is Task task)
            {
                await task;
            }
        }
    }
}
