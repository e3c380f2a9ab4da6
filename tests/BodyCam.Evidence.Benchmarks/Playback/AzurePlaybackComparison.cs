using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BodyCam.Evidence.Benchmarks.Playback;

/// <summary>
/// Random byte ranges of one recording on the Azure store, side by side: through our content endpoint (the server on
/// Storage:Provider=AzureBlob) and straight from the blob with the SDK's ranged download, as the server's own store
/// asks for it. Both sides share one client process, one reading discipline (every body byte read into one buffer per
/// worker, then discarded) and the same ranges. Per concurrency each side runs for the same time, in two-second slices
/// taken in turns, so that a swing in the machine's load (a shared 2-core machine) falls on both sides alike.
/// Run: <c>BodyCam.Evidence.Benchmarks.dll playback-azure --ours URL --token T --connection C --container C --blob NAME
/// [--seconds 10] [--concurrency "1 4 16"] [--range-kib 1024]</c>; several comma-separated tokens are taken in turn.
/// </summary>
internal static class AzurePlaybackComparison
{
    private const int ReadBufferBytes = 81_920;
    private const int WarmUpRequests = 20;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var options = Options.Parse(args);
        var blob = new BlobServiceClient(options.Connection).GetBlobContainerClient(options.Container).GetBlobClient(options.Blob);
        long size = (await blob.GetPropertiesAsync()).Value.ContentLength;
        var rangeBytes = options.RangeKib * 1024L;
        if (size <= rangeBytes)
        {
            throw new ArgumentException($"'{options.Blob}' holds {size} bytes, not more than one range of {rangeBytes}.");
        }
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var tokens = options.Token.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var turn = 0;
        Func<long, byte[], Task<long>> ours = (first, buffer) =>
            ReadFromOursAsync(http, options.Ours, tokens[(int)((uint)Interlocked.Increment(ref turn) % tokens.Length)], first, rangeBytes, buffer);
        Func<long, byte[], Task<long>> sdk = (first, buffer) => ReadFromSdkAsync(blob, first, rangeBytes, buffer);

        await MeasureAsync(sdk, 1, WarmUpRequests, TimeSpan.MaxValue, 0, size, rangeBytes);
        await MeasureAsync(ours, 1, WarmUpRequests, TimeSpan.MaxValue, 0, size, rangeBytes);
        Console.WriteLine($"ranges of {options.RangeKib} KiB over {size / 1048576} MiB ('{options.Blob}'), {options.Seconds} s per side per concurrency in {Slice.TotalSeconds:F0} s slices taken in turns; latencies in ms");
        Console.WriteLine("| concurrency | SDK req/s | SDK p50 / p99 | ours req/s | ours p50 / p99 | ratio ours/SDK |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var concurrency in options.Concurrency)
        {
            var direct = new Measurement();
            var served = new Measurement();
            for (var slice = 0; slice < options.Seconds / Slice.TotalSeconds; slice++)
            {
                var turns = new[] { (sdk, direct), (ours, served) };
                foreach (var (read, into) in slice % 2 == 0 ? turns : turns.Reverse())
                {
                    into.Add(await MeasureAsync(read, concurrency, int.MaxValue, Slice, slice, size, rangeBytes));
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {direct.PerSecond:F1} | {direct.P50:F2} / {direct.P99:F2} | {served.PerSecond:F1} | {served.P50:F2} / {served.P99:F2} | {served.PerSecond / direct.PerSecond:F2} |"));
        }
    }

    private static async Task<long> ReadFromOursAsync(HttpClient http, Uri url, string token, long first, long length, byte[] buffer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Range = new RangeHeaderValue(first, first + length - 1);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new InvalidOperationException($"ours answered {(int)response.StatusCode} to bytes={first}-{first + length - 1}, want 206.");
        }
        await using var body = await response.Content.ReadAsStreamAsync();
        return await DrainAsync(body, buffer);
    }

    private static async Task<long> ReadFromSdkAsync(BlobClient blob, long first, long length, byte[] buffer)
    {
        var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(first, length) });
        await using var body = download.Value.Content;
        return await DrainAsync(body, buffer);
    }

    private static async Task<long> DrainAsync(Stream body, byte[] buffer)
    {
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>
    /// <paramref name="concurrency"/> workers, each requesting its next range as soon as the last one's body is read,
    /// until <paramref name="requestsPerWorker"/> or <paramref name="duration"/> runs out; the ranges follow from
    /// <paramref name="seed"/>, the same for both sides. The time counted is until the last worker stopped.
    /// </summary>
    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> MeasureAsync(
        Func<long, byte[], Task<long>> read, int concurrency, int requestsPerWorker, TimeSpan duration, int seed, long size, long rangeBytes)
    {
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(1, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 104_729 + worker * 7919);
            var buffer = new byte[ReadBufferBytes];
            var latencies = new List<double>();
            while (latencies.Count < requestsPerWorker && Stopwatch.GetElapsedTime(started) < duration)
            {
                var first = random.NextInt64(0, size - rangeBytes);
                var start = Stopwatch.GetTimestamp();
                var received = await read(first, buffer);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (received != rangeBytes)
                {
                    throw new InvalidOperationException($"bytes={first}-{first + rangeBytes - 1} gave {received} bytes, want {rangeBytes}.");
                }
            }
            return latencies;
        }));
        var latencies = (await Task.WhenAll(workers)).SelectMany(worker => worker).ToList();
        return (latencies, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One side's slices of one concurrency, added up.</summary>
    private sealed class Measurement
    {
        private readonly List<double> _latencies = [];
        private TimeSpan _elapsed;

        public double PerSecond => _latencies.Count / _elapsed.TotalSeconds;
        public double P50 => Percentile(0.50);
        public double P99 => Percentile(0.99);

        public void Add((List<double> Latencies, TimeSpan Elapsed) slice)
        {
            _latencies.AddRange(slice.Latencies);
            _elapsed += slice.Elapsed;
        }

        private double Percentile(double fraction)
        {
            var sorted = _latencies.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
        }
    }

    private sealed record Options(
        Uri Ours, string Token, string Connection, string Container, string Blob, int Seconds, int[] Concurrency, int RangeKib)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Count; i += 2)
            {
                values[args[i]] = args[i + 1];
            }
            if (args.Count % 2 != 0 || values.Keys.Except(["--ours", "--token", "--connection", "--container", "--blob", "--seconds", "--concurrency", "--range-kib"]).Any())
            {
                throw new ArgumentException($"unexpected arguments: {string.Join(' ', args)}");
            }
            string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
            int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
            return new Options(
                new Uri(Required("--ours")), Required("--token"), Required("--connection"), Required("--container"), Required("--blob"),
                Number("--seconds", 10),
                [.. (values.GetValueOrDefault("--concurrency") ?? "1 4 16").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
                Number("--range-kib", 1024));
        }
    }
}
