using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Api;
using BodyCam.Evidence.Tests.Ingestion;
using BodyCam.Evidence.Tests.Ledger;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Exports;

/// <summary>
/// Oversight clip requests end to end on a real 12-second H.264/AAC video with a key frame every 2 s: request,
/// decision, the ffmpeg cut, the package, its download, and the offline verifier, tampering included.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ClipExportTests(ApiProfile profile)
{
    private const string OfficerId = "clip-officer";
    private const string Unit = "Clip-Unit";
    private const string Board = "police-oversight-board";
    private const double FrameSeconds = 1.0 / 25;
    private const double KeyFrameSeconds = 2;

    private readonly MovableClock _clock = new();
    private EvidenceApiFactory _api = null!;
    private Guid _item;
    private string _key = "";

    [OneTimeSetUp]
    public async Task StartServerWithAVideo()
    {
        _api = await EvidenceApiFactory.StartAsync(
            profile, overNetwork: false, services => services.AddSingleton<TimeProvider>(_clock),
            ("Ledger:CheckpointEverySeconds", "1"), ("Exports:MaxDownloads", "2"), ("Exports:LinkLifetime", "1.00:00:00"));
        (await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{OfficerId}", new { name = "Clip Officer", unit = Unit })).EnsureSuccessStatusCode();
        var video = Path.Combine(_api.DataRoot, "source.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=12:size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:v", "libx264", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video);
        _item = await _api.UploadVerifiedRecordingAsync(OfficerId, content: await File.ReadAllBytesAsync(video));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ProbeStatusAsync() == ProbeStatus.Pending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.That(await ProbeStatusAsync(), Is.EqualTo(ProbeStatus.Probed));
        _key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_denied_request_records_the_reason_and_makes_no_export()
    {
        var request = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = "Complaint 2026-117" });

        var denied = await Supervisor().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason = "Footage is part of an open investigation" });

        var view = await denied.ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        var seen = await (await BoardClient().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((view.Status, seen.Status, seen.Reason, seen.DecidedBy, seen.ExportId),
                Is.EqualTo(("Denied", "Denied", "Footage is part of an open investigation", "clip-supervisor", (Guid?)null)));
        });
        Assert.That(await ActionsAboutAsync(request.Id), Is.EqualTo(new[] { CustodyAction.ClipRequested, CustodyAction.ClipRequestDenied }));
        var approveLater = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Changed my mind" });
        await approveLater.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_approved_stream_copy_clip_is_packaged_downloaded_and_verifies_offline()
    {
        var ready = await ApprovedAndReadyAsync(3.3, 7.0, accurate: false);
        var zip = await DownloadAsync(ready.ExportId!.Value);

        var (exit, output) = await VerifyAsync(zip);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"export {ready.ExportId} verified").And.Contain("source SHA-256"));
        var manifest = ReadManifest(zip);
        await using (var db = _api.OpenDb())
        {
            var item = await db.EvidenceItems.SingleAsync(e => e.Id == _item);
            Assert.That((manifest.SourceSha256, manifest.SourceBytes, manifest.SourceEvidenceId), Is.EqualTo((item.StreamSha256, item.Bytes, _item)));
        }
        Assert.Multiple(() =>
        {
            Assert.That(manifest.RequestedRange, Is.EqualTo(new ClipRange(3.3, 7.0)));
            Assert.That(manifest.ActualRange.StartSeconds, Is.EqualTo(2.0).Within(FrameSeconds), "stream copy starts at the key frame before 3.3 s");
            Assert.That(manifest.Approvals.Single().ApprovedBy, Is.EqualTo("clip-custodian"));
            Assert.That(manifest.FfmpegArguments, Does.Contain("copy").And.Contain(ClipPlaceholderArgument));
            Assert.That(manifest.FfmpegVersion, Does.StartWith("ffmpeg version"));
        });
        var clipDuration = await ClipVideoDurationAsync(zip);
        Assert.That(clipDuration, Is.EqualTo(7.0 - manifest.ActualRange.StartSeconds).Within(KeyFrameSeconds / 2), "the clip runs from the key frame to the requested end");
        Assert.That(clipDuration, Is.GreaterThanOrEqualTo(7.0 - 3.3), "the clip covers the whole requested range");
        Assert.That(await ActionsAboutAsync(ready.Id), Is.EqualTo(new[]
        {
            CustodyAction.ClipRequested, CustodyAction.ClipRequestApproved, CustodyAction.ClipCut, CustodyAction.ExportPackaged, CustodyAction.ExportDownloaded,
        }));
    }

    [Test]
    public async Task A_frame_accurate_clip_lasts_the_requested_range_to_one_frame()
    {
        var ready = await ApprovedAndReadyAsync(2.5, 6.1, accurate: true);
        var zip = await DownloadAsync(ready.ExportId!.Value);

        Assert.That(await ClipVideoDurationAsync(zip), Is.EqualTo(3.6).Within(FrameSeconds + 0.001));
        Assert.That(ReadManifest(zip).ActualRange.StartSeconds, Is.EqualTo(2.5));
        var (exit, output) = await VerifyAsync(zip);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [Test]
    public async Task Tampering_with_the_clip_a_custody_entry_or_the_checkpoint_fails_verification_and_names_it()
    {
        var ready = await ApprovedAndReadyAsync(0, 4, accurate: false);
        var zip = await DownloadAsync(ready.ExportId!.Value);
        var later = await _api.WaitForCheckpointAsync();
        var liveCheckpoint = await _api.CreateClient().GetStringAsync("/api/ledger/checkpoint");
        Assert.That(later.TreeSize, Is.GreaterThan(JsonNode.Parse(ReadEntry(zip, ExportPackageFiles.Proofs))!["treeSize"]!.GetValue<long>()));

        var flipped = Rewrite(zip, ExportPackageFiles.Clip, bytes => bytes[bytes.Length / 2] ^= 0x01);
        var edited = Rewrite(zip, ExportPackageFiles.Custody, bytes =>
        {
            var custody = JsonNode.Parse(bytes)!;
            custody["events"]![0]!["actorId"] = "someone-else";
            return Encoding.UTF8.GetBytes(custody.ToJsonString());
        });
        var swapped = Rewrite(zip, ExportPackageFiles.Proofs, bytes =>
        {
            var proofs = JsonNode.Parse(bytes)!;
            proofs["checkpoint"] = liveCheckpoint;
            return Encoding.UTF8.GetBytes(proofs.ToJsonString());
        });
        var forged = Rewrite(zip, ExportPackageFiles.Proofs, bytes =>
        {
            var proofs = JsonNode.Parse(bytes)!;
            var lines = proofs["checkpoint"]!.GetValue<string>().Split('\n');
            lines[1] = (long.Parse(lines[1], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            proofs["checkpoint"] = string.Join('\n', lines);
            return Encoding.UTF8.GetBytes(proofs.ToJsonString());
        });

        var results = new Dictionary<string, (int Exit, string Output)>
        {
            ["clip"] = await VerifyAsync(flipped),
            ["custody"] = await VerifyAsync(edited),
            ["swapped"] = await VerifyAsync(swapped),
            ["forged"] = await VerifyAsync(forged),
        };
        Assert.Multiple(() =>
        {
            Assert.That(results.Values.Select(r => r.Exit), Is.All.EqualTo(1), string.Join("\n---\n", results.Values.Select(r => r.Output)));
            Assert.That(results["clip"].Output, Does.Contain("FAILED: clip.mp4: its SHA-256"));
            Assert.That(results["custody"].Output, Does.Contain("FAILED: index").And.Contain("differs from the entry its leaf committed to"));
            Assert.That(results["swapped"].Output, Does.Contain("FAILED: index").And.Contain("inclusion proof does not lead to the checkpoint's root"));
            Assert.That(results["forged"].Output, Does.Contain("FAILED").And.Contain("signature"));
        });
    }

    [Test]
    public async Task Downloads_are_limited_in_number_and_time_and_each_is_a_custody_event()
    {
        var first = await ApprovedAndReadyAsync(1, 2, accurate: false);
        await DownloadAsync(first.ExportId!.Value);
        await DownloadAsync(first.ExportId!.Value);
        var exhausted = await BoardClient().GetAsync($"/api/exports/{first.ExportId}/download");
        await exhausted.AssertProblemAsync(HttpStatusCode.Gone);

        var second = await ApprovedAndReadyAsync(1, 2, accurate: false);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var expired = await BoardClient().GetAsync($"/api/exports/{second.ExportId}/download");
        var problem = await expired.AssertProblemAsync(HttpStatusCode.Gone);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("expired"));
        var firstActions = await ActionsAboutAsync(first.Id);
        var secondActions = await ActionsAboutAsync(second.Id);
        Assert.Multiple(() =>
        {
            Assert.That(firstActions.Count(a => a == CustodyAction.ExportDownloaded), Is.EqualTo(2), string.Join(", ", firstActions));
            Assert.That(firstActions.Count(a => a == CustodyAction.ExportDownloadRefused), Is.EqualTo(1), string.Join(", ", firstActions));
            Assert.That(secondActions.Count(a => a == CustodyAction.ExportDownloaded), Is.Zero, string.Join(", ", secondActions));
            Assert.That(secondActions.Count(a => a == CustodyAction.ExportDownloadRefused), Is.EqualTo(1), string.Join(", ", secondActions));
        });
    }

    [Test]
    public async Task Another_board_neither_sees_a_request_nor_downloads_its_export_and_each_refusal_is_recorded()
    {
        var ready = await ApprovedAndReadyAsync(1, 2, accurate: false);
        var deniedBefore = await DenialsAsync();

        var read = await BoardClient("another-board").GetAsync($"/api/clip-requests/{ready.Id}");
        var download = await BoardClient("another-board").GetAsync($"/api/exports/{ready.ExportId}/download");

        await read.AssertProblemAsync(HttpStatusCode.Forbidden);
        await download.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await DenialsAsync(), Is.EqualTo(deniedBefore + 2));
    }

    [Test]
    public async Task The_requester_cannot_decide_and_a_supervisor_of_another_unit_cannot_either()
    {
        var request = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = "Complaint 2026-118" });
        var deniedBefore = await DenialsAsync();

        var ownApproval = await _api.ClientFor(Roles.Custodian, Board).PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Mine" });
        var otherUnit = await _api.ClientFor(Roles.Supervisor, "other-supervisor", "Other-Unit")
            .PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Not mine" });
        var otherUnitRead = await _api.ClientFor(Roles.Supervisor, "other-supervisor", "Other-Unit").GetAsync($"/api/clip-requests/{request.Id}");

        await ownApproval.AssertProblemAsync(HttpStatusCode.Forbidden);
        await otherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await otherUnitRead.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await DenialsAsync(), Is.EqualTo(deniedBefore + 3));
        var still = await (await BoardClient().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        Assert.That(still.Status, Is.EqualTo("Requested"));
    }

    [TestCase(3, 3, "Purpose", "endSeconds")]
    [TestCase(1, 12.5, "Purpose", "endSeconds")]
    [TestCase(-1, 2, "Purpose", "startSeconds")]
    [TestCase(1, 2, "", "purpose")]
    public async Task A_range_outside_the_media_or_a_missing_purpose_is_a_400_naming_the_field(double start, double end, string purpose, string field)
    {
        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = _item, startSeconds = start, endSeconds = end, purpose });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Redactions_are_refused_with_a_400_naming_them()
    {
        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", new
        {
            evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = "Complaint",
            redactions = new[] { new { kind = "blur", startSeconds = 1, endSeconds = 2, x = 0, y = 0, width = 10, height = 10 } },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("redactions")[0].GetString(), Does.Contain("not supported"));
    }

    private const string ClipPlaceholderArgument = "{clip}";

    private async Task<ClipRequestView> RequestAsync(object body) =>
        await (await BoardClient().PostAsJsonAsync("/api/clip-requests", body)).ReadAsync<ClipRequestView>(HttpStatusCode.Created);

    private async Task<ClipRequestView> ApprovedAndReadyAsync(double start, double end, bool accurate)
    {
        var request = await RequestAsync(new { evidenceId = _item, startSeconds = start, endSeconds = end, purpose = "Use-of-force review", accurate });
        (await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Board review is in order" })).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = (await BoardClient().GetFromJsonAsync<ClipRequestView>($"/api/clip-requests/{request.Id}"))!;
            if (view.Status is "Ready" or "Failed" || DateTime.UtcNow > deadline)
            {
                Assert.That((view.Status, view.Progress), Is.EqualTo(("Ready", 100)), view.Reason);
                return view;
            }
            await Task.Delay(250);
        }
    }

    private async Task<string> DownloadAsync(Guid exportId)
    {
        var response = await BoardClient().GetAsync($"/api/exports/{exportId}/download");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        var path = Path.Combine(_api.DataRoot, $"export-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private async Task<(int Exit, string Output)> VerifyAsync(string zip)
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [Cli.CliTests.CliAssembly, "verify", "export", zip, "--key", _key]);
        return (exit, output + errors);
    }

    private static ExportManifest ReadManifest(string zip) =>
        JsonSerializer.Deserialize<ExportManifest>(ReadEntry(zip, ExportPackageFiles.Manifest), ExportPackageFiles.Json)!;

    private static string ReadEntry(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string Rewrite(string zip, string name, Func<byte[], byte[]> change)
    {
        var copy = Path.Combine(Path.GetDirectoryName(zip)!, $"tampered-{Guid.NewGuid():N}.zip");
        File.Copy(zip, copy);
        using var archive = ZipFile.Open(copy, ZipArchiveMode.Update);
        var entry = archive.GetEntry(name)!;
        byte[] bytes;
        using (var content = new MemoryStream())
        {
            using (var stream = entry.Open())
            {
                stream.CopyTo(content);
            }
            bytes = change(content.ToArray());
        }
        entry.Delete();
        using var replaced = archive.CreateEntry(name).Open();
        replaced.Write(bytes);
        return copy;
    }

    private static string Rewrite(string zip, string name, Action<byte[]> change) =>
        Rewrite(zip, name, bytes =>
        {
            change(bytes);
            return bytes;
        });

    private async Task<double> ClipVideoDurationAsync(string zip)
    {
        var clip = Path.Combine(_api.DataRoot, $"clip-{Guid.NewGuid():N}.mp4");
        using (var archive = ZipFile.OpenRead(zip))
        {
            archive.GetEntry(ExportPackageFiles.Clip)!.ExtractToFile(clip);
        }
        var duration = await LocalServices.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=duration", "-of", "csv=p=0", clip);
        return double.Parse(duration.Trim(), CultureInfo.InvariantCulture);
    }

    private async Task<ProbeStatus> ProbeStatusAsync()
    {
        await using var db = _api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == _item).Select(e => e.ProbeStatus).SingleAsync();
    }

    /// <summary>The source item's custody events that name the request or its export, in ledger order.</summary>
    private async Task<CustodyAction[]> ActionsAboutAsync(Guid requestId)
    {
        await using var db = _api.OpenDb();
        var exportId = await db.ClipRequests.Where(r => r.Id == requestId).Select(r => r.ExportId).SingleAsync();
        var events = await db.CustodyEvents.Where(e => e.EvidenceId == _item).OrderBy(e => e.Sequence).ToListAsync();
        return [.. events
            .Where(e => e.Reason != null && (e.Reason.Contains(requestId.ToString()) || (exportId != null && e.Reason.Contains(exportId.Value.ToString()))))
            .Select(e => e.Action)];
    }

    private async Task<int> DenialsAsync()
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.EvidenceId == _item && e.Action == CustodyAction.AccessDenied && e.Outcome == CustodyOutcome.Denied);
    }

    private HttpClient BoardClient(string board = Board) => _api.ClientFor(Roles.OversightBoard, board);

    private HttpClient Supervisor() => _api.ClientFor(Roles.Supervisor, "clip-supervisor", Unit);

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "clip-custodian");

    /// <summary>Real time, moved on by the test: commands read it through TimeProvider.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
