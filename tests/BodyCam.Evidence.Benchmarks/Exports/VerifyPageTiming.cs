using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Benchmarks.Exports;

/// <summary>
/// How long verify.html takes in headless Chromium to check a package with a clip of the given size, beside
/// <c>sha256sum</c> of the same clip, each timed <c>runs</c> times in turn, and the medians. The package is a valid one
/// made here, not by a server: random bytes for the clip, its custody (a source verified, a clip requested, approved
/// and cut) signed into a log of its own by the export job's own writer, so the page passes every check. Run:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- verify-page 1024 3
/// </summary>
internal static class VerifyPageTiming
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Board = "bench-board";

    public static async Task RunAsync(string[] options)
    {
        var mebibytes = options is [var size, ..] ? int.Parse(size, CultureInfo.InvariantCulture) : 1024;
        var runs = options is [_, var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 3;
        var folder = Directory.CreateTempSubdirectory("bodycam-bench-verify-page-").FullName;
        try
        {
            var clip = Path.Combine(folder, ExportPackageFiles.Clip);
            await WriteRandomAsync(clip, (long)mebibytes << 20);
            var (zip, key) = await PackageAsync(folder, clip);
            var page = Path.Combine(folder, ExportPackageFiles.VerifyPage);
            await File.WriteAllBytesAsync(page, ExportPackageFiles.VerifyPageFor(key));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            });
            var (pageTimes, sumTimes) = (new List<double>(), new List<double>());
            for (var run = 0; run < runs; run++)
            {
                pageTimes.Add(await TimeThePageAsync(browser, page, zip));
                sumTimes.Add(await TimeSha256SumAsync(clip));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: verify.html {pageTimes[^1]:0.00} s, sha256sum {sumTimes[^1]:0.00} s"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mebibytes} MiB clip, median of {runs}: verify.html {Median(pageTimes):0.00} s, sha256sum {Median(sumTimes):0.00} s"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> TimeThePageAsync(IBrowser browser, string page, string zip)
    {
        var context = await browser.NewContextAsync();
        try
        {
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(new Uri(page).AbsoluteUri);
            var clock = Stopwatch.StartNew();
            await tab.Locator("#package").SetInputFilesAsync(zip);
            await tab.WaitForFunctionAsync("() => document.body.dataset.verdict !== undefined", null, new() { Timeout = 0, PollingInterval = 50 });
            var seconds = clock.Elapsed.TotalSeconds;
            var verdict = await tab.EvaluateAsync<string>("() => document.body.dataset.verdict");
            return verdict == "pass"
                ? seconds
                : throw new InvalidOperationException($"verify.html says {verdict}: {await tab.Locator("#verdict").TextContentAsync()}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<double> TimeSha256SumAsync(string clip)
    {
        var clock = Stopwatch.StartNew();
        using var sum = Process.Start(new ProcessStartInfo("sha256sum", [clip]) { RedirectStandardOutput = true })!;
        await sum.StandardOutput.ReadToEndAsync();
        await sum.WaitForExitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task WriteRandomAsync(string path, long bytes)
    {
        await using var file = File.Create(path);
        var buffer = new byte[1 << 20];
        for (var written = 0L; written < bytes; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - written)));
        }
    }

    /// <summary>The package the export job would write for this clip, with the custody a real request leaves, in a log of its own.</summary>
    private static async Task<(string Zip, NoteVerifierKey Key)> PackageAsync(string folder, string clip)
    {
        var signer = new NoteSigner("bench.bodycam-evidence.localhost/custody", NoteSigner.GenerateSeed());
        string clipSha256;
        await using (var content = File.OpenRead(clip))
        {
            clipSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content));
        }
        var clipBytes = new FileInfo(clip).Length;
        var (evidenceId, requestId, now) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var sourceSha256 = Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
        var verifyPage = ExportPackageFiles.VerifyPageFor(signer.VerifierKey);
        var manifest = new ExportManifest(
            ExportPackageFiles.Format, Guid.CreateVersion7(), requestId, evidenceId, sourceSha256, clipBytes * 4, ExportPackageFiles.Clip, clipSha256, clipBytes,
            new ClipRange(0, 600), null, new ClipRange(0, 600), "stream copy from the preceding key frame", [], null,
            "ffmpeg version bench", ["-i", "{source}", "{clip}"], Board, now, "Benchmark", [new ClipApproval("bench-custodian", now, "In order")], now,
            Convert.ToHexStringLower(SHA256.HashData(verifyPage)));
        var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(ExportPackageWriter.ManifestJson(manifest)));
        (string Actor, string Action, string? Content, string Reason)[] events =
        [
            ("bench-dock", "Verified", sourceSha256, "stored bytes verified"),
            (Board, "ClipRequested", null, $"clip request {requestId}: 0–600 s, purpose: Benchmark"),
            ("bench-custodian", "ClipRequestApproved", null, $"clip request {requestId} by {Board} approved: In order"),
            ("clip-export", "ClipCut", clipSha256, $"clip request {requestId}: 0–600 s cut by stream copy from {sourceSha256}, {clipBytes} bytes, manifest {manifestSha256}"),
        ];
        var entries = events.Select((e, i) => new CustodyEntry(i, now, e.Actor, "User", null, null, e.Action, evidenceId, e.Content, e.Reason, "Succeeded").ToCanonicalBytes()).ToList();
        var leaves = entries.Select(e => MerkleHash.Leaf(e)).ToList();
        var checkpoint = signer.Sign(new Checkpoint(signer.VerifierKey.Name, leaves.Count, MerkleTree.RootHash(leaves)).ToNoteText());
        var custody = new CustodyReport(evidenceId, checkpoint, leaves.Count, [.. events.Select((e, i) => new CustodyReportEvent(
            i, CustodyEntry.TruncateToMicroseconds(now), e.Actor, "User", null, null, e.Action, e.Content, e.Reason, "Succeeded", entries[i], leaves[i],
            MerkleTree.InclusionProof(leaves, i)))]);
        var zip = Path.Combine(folder, "package.zip");
        await ExportPackageWriter.WriteAsync(zip, clip, manifest, custody, verifyPage, CancellationToken.None);
        return (zip, signer.VerifierKey);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
