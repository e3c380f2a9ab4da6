using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Features.Review;
using BodyCam.Evidence.Features.StuckWork;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Notes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// Oversight clip requests end to end on a real 12-second H.264/AAC video with a key frame every 2 s: request,
/// decision, the ffmpeg cut, the package, its download, and the offline verifier, tampering included.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ClipExportTests(ApiProfile profile)
{
    private const string Unit = ClipExportVideo.Unit;
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
        (_api, _item) = await ClipExportVideo.StartAsync(
            profile, services => services.AddSingleton<TimeProvider>(_clock),
            ("Ledger:CheckpointEverySeconds", "1"), ("Exports:MaxDownloads", "2"), ("Exports:LinkLifetime", "1.00:00:00"));
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
    public async Task A_package_whose_checkpoint_a_witness_cosigned_verifies_with_the_witness_and_one_without_fails_naming_it()
    {
        var ready = await ApprovedAndReadyAsync(0, 2, accurate: false);
        var zip = await DownloadAsync(ready.ExportId!.Value);
        var board = new CosignatureSigner("board.example/witness", CosignatureSigner.GenerateSeed());
        var cosigned = Rewrite(zip, ExportPackageFiles.Proofs, bytes =>
        {
            var proofs = JsonNode.Parse(bytes)!;
            var note = proofs["checkpoint"]!.GetValue<string>();
            proofs["checkpoint"] = note + board.Cosign(SignedNote.Parse(note).Text, DateTimeOffset.UtcNow).ToLine() + "\n";
            return Encoding.UTF8.GetBytes(proofs.ToJsonString());
        });

        var withCosignature = await VerifyAsync(cosigned, "--witness", board.VerifierKey.ToString());
        var withoutCosignature = await VerifyAsync(zip, "--witness", board.VerifierKey.ToString());

        Assert.That((withCosignature.Exit, withoutCosignature.Exit), Is.EqualTo((0, 1)), withCosignature.Output + withoutCosignature.Output);
        Assert.That(withCosignature.Output, Does.Contain("witness board.example/witness: cosigned at").And.Contain($"export {ready.ExportId} verified"));
        Assert.That(withoutCosignature.Output, Does.Contain("FAILED: 0 of the 1 witness cosignatures required are on the checkpoint; witness board.example/witness has no cosignature"));
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
    [TestCase(-1, 2, "Purpose", "startSeconds")]
    [TestCase(1, 2, "", "purpose")]
    public async Task An_empty_or_negative_range_or_a_missing_purpose_is_a_400_naming_the_field(double start, double end, string purpose, string field)
    {
        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = _item, startSeconds = start, endSeconds = end, purpose });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_purpose_and_approval_reason_of_the_longest_length_are_quoted_whole_and_the_package_verifies()
    {
        var (purpose, reason) = (Text('p', CustodyEvent.MaxReasonTextLength), Text('a', CustodyEvent.MaxReasonTextLength));
        var request = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose });
        var approval = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason });
        Assert.That(approval.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approval.Content.ReadAsStringAsync());
        var ready = await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), request.Id);

        var (exit, output) = await VerifyAsync(await DownloadAsync(ready.ExportId!.Value));

        Assert.That(exit, Is.EqualTo(0), output);
        await using var db = _api.OpenDb();
        var reasons = await db.CustodyEvents.Where(e => e.Reason!.StartsWith($"clip request {request.Id}"))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Reason }).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(reasons.Single(e => e.Action == CustodyAction.ClipRequested).Reason, Does.EndWith(", purpose: " + purpose));
            Assert.That(reasons.Single(e => e.Action == CustodyAction.ClipRequestApproved).Reason,
                Is.EqualTo($"clip request {request.Id} by {Board} approved: {reason}"));
        });
    }

    [Test]
    public async Task A_purpose_or_decision_reason_one_longer_than_the_longest_is_a_400_naming_it_and_a_longest_denial_is_quoted_whole()
    {
        var (purpose, reason) = (Text('p', CustodyEvent.MaxReasonTextLength), Text('d', CustodyEvent.MaxReasonTextLength));
        var longerPurpose = await BoardClient().PostAsJsonAsync("/api/clip-requests", new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = purpose + "p" });
        var farEnd = await BoardClient().PostAsJsonAsync(
            "/api/clip-requests", new { evidenceId = _item, startSeconds = 1, endSeconds = RequestClipValidator.MaximumOffsetSeconds + 1, purpose });
        var request = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose });

        var longerApproval = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = reason + "d" });
        var longerDenial = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason = reason + "d" });
        var denial = await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/deny", new { reason });

        foreach (var (response, field) in new[] { (longerPurpose, "purpose"), (farEnd, "endSeconds"), (longerApproval, "reason"), (longerDenial, "reason") })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        }
        Assert.That((await denial.ReadAsync<ClipRequestView>(HttpStatusCode.OK)).Status, Is.EqualTo("Denied"));
        await using var db = _api.OpenDb();
        var denied = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.ClipRequestDenied && e.Reason!.StartsWith($"clip request {request.Id}"));
        Assert.That(denied.Reason, Is.EqualTo($"clip request {request.Id} by {Board} denied: {reason}"));
    }

    /// <summary>Text of the given length, opening and closing with a letter, so that trimming leaves it whole.</summary>
    private static string Text(char letter, int length) => string.Concat(Enumerable.Repeat($"{letter}{letter} ", length))[..(length - 1)] + letter;

    [Test]
    public async Task A_blurred_rectangle_and_a_muted_range_are_in_the_clip_itself()
    {
        var ready = await ApprovedAndReadyAsync(2.0, 7.0, accurate: false, redactions: new object[]
        {
            new { kind = "blur", startSeconds = 3.0, endSeconds = 5.0, x = 0, y = 0, width = 160, height = 120 },
            new { kind = "mute", startSeconds = 5.0, endSeconds = 6.0 },
        });
        var zip = await DownloadAsync(ready.ExportId!.Value);
        var clip = ExtractClip(zip);
        var source = Path.Combine(_api.DataRoot, ClipExportVideo.SourceFile);

        // Clip time 0 is second 2 of the recording: the blur covers clip seconds 1–3, the mute 3–4.
        var blurredRegion = await PsnrAgainstSourceAsync(clip, source, 2.0, 1.2, 2.8, "crop=160:120:0:0");
        var restOfTheFrame = await PsnrAgainstSourceAsync(clip, source, 2.0, 1.2, 2.8, "crop=160:120:160:120");
        var regionBeforeTheBlur = await PsnrAgainstSourceAsync(clip, source, 2.0, 0.1, 0.9, "crop=160:120:0:0");
        var muted = await MaxVolumeAsync(clip, 3.1, 3.9);
        var heard = await MaxVolumeAsync(clip, 1.1, 2.9);

        Assert.Multiple(() =>
        {
            Assert.That(blurredRegion, Is.LessThan(22), "the rectangle no longer looks like the source while the blur lasts");
            Assert.That(restOfTheFrame, Is.GreaterThan(30), "the rest of the frame is the source, re-encoded");
            Assert.That(regionBeforeTheBlur, Is.GreaterThan(30), "the rectangle is the source before the blur starts");
            Assert.That(muted, Is.LessThan(-80), "the muted range is silent");
            Assert.That(heard, Is.GreaterThan(-30), "the tone is heard outside the muted range");
        });
        var manifest = ReadManifest(zip);
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Redactions, Is.EqualTo(new[]
            {
                new ClipRedaction("blur", 3.0, 5.0, 0, 0, 160, 120), new ClipRedaction("mute", 5.0, 6.0),
            }));
            Assert.That(manifest.ActualRange.StartSeconds, Is.EqualTo(2.0), "redactions force a frame-accurate re-encode");
            Assert.That(manifest.FfmpegArguments, Does.Contain("-filter_complex").And.Contain("libx264"));
            Assert.That(manifest.FfmpegArguments[manifest.FfmpegArguments.ToList().IndexOf("-filter_complex") + 1],
                Does.Contain("boxblur").And.Contain("between(t,1,3)").And.Contain("volume=volume=0:enable='between(t,3,4)'"));
            Assert.That(ReadEntry(zip, ExportPackageFiles.Readme), Does.Contain("160×120 pixel area at 0,0").And.Contain("silenced from second 5 to 6"));
        });
        var (exit, output) = await VerifyAsync(zip);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [TestCase("blur", 1.0, 2.0, 0, 0, 0, 20, "redactions[0].width")]
    [TestCase("blur", 1.0, 2.0, -1, 0, 20, 20, "redactions[0].x")]
    [TestCase("blur", 0.5, 2.0, 0, 0, 20, 20, "redactions[0].startSeconds")]
    [TestCase("mute", 1.5, 2.5, null, null, null, null, "redactions[0].endSeconds")]
    [TestCase("mute", 1.5, 1.5, null, null, null, null, "redactions[0].endSeconds")]
    [TestCase("pixelate", 1.0, 2.0, 0, 0, 20, 20, "redactions[0].kind")]
    public async Task A_malformed_redaction_or_one_outside_the_clip_is_a_400_naming_its_field(
        string kind, double start, double end, int? x, int? y, int? width, int? height, string field)
    {
        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", new
        {
            evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = "Complaint",
            redactions = new[] { new { kind, startSeconds = start, endSeconds = end, x, y, width, height } },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_clip_by_a_span_bookmark_cuts_its_range_and_the_manifest_names_the_bookmark()
    {
        var bookmark = await BookmarkAsync(_item, 4.0, 6.5);

        var ready = await ApprovedAndReadyAsync(new { evidenceId = _item, bookmarkId = bookmark, purpose = "Use-of-force review", accurate = true });

        var zip = await DownloadAsync(ready.ExportId!.Value);
        var manifest = ReadManifest(zip);
        Assert.Multiple(() =>
        {
            Assert.That((ready.StartSeconds, ready.EndSeconds, ready.BookmarkId), Is.EqualTo(((double?)4.0, (double?)6.5, (Guid?)bookmark)));
            Assert.That(manifest.BookmarkId, Is.EqualTo(bookmark));
            Assert.That(manifest.RequestedRange, Is.EqualTo(new ClipRange(4.0, 6.5)));
            Assert.That(manifest.ActualRange.StartSeconds, Is.EqualTo(4.0));
            Assert.That(ReadEntry(zip, ExportPackageFiles.Readme), Does.Contain($"around bookmark {bookmark}"));
        });
        Assert.That(await ClipVideoDurationAsync(zip), Is.EqualTo(2.5).Within(FrameSeconds + 0.001));
        var (exit, output) = await VerifyAsync(zip);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [TestCase(1.0, null, null, 0.0, 12.0)]
    [TestCase(5.0, 0.5, 2.0, 4.5, 7.0)]
    [TestCase(11.5, 1.0, null, 10.5, 12.0)]
    public async Task A_bookmarked_moment_takes_a_window_around_it_cut_to_the_recording_which_the_reviewer_sees_and_the_approval_takes(
        double moment, double? before, double? after, double start, double end)
    {
        var bookmark = await BookmarkAsync(_item, moment, null);

        var request = await RequestAsync(new { evidenceId = _item, bookmarkId = bookmark, beforeSeconds = before, afterSeconds = after, purpose = "Complaint" });

        var reviewed = await (await Custodian().GetAsync($"/api/clip-requests/{request.Id}")).ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        var approved = await (await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "In order" }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((request.StartSeconds, request.EndSeconds, request.BookmarkId, request.BeforeSeconds, request.AfterSeconds),
                Is.EqualTo(((double?)null, (double?)null, (Guid?)bookmark, before, after)), "the board is told nothing the bookmark or the recording says");
            Assert.That((reviewed.StartSeconds, reviewed.EndSeconds, reviewed.Impediment), Is.EqualTo(((double?)start, (double?)end, (string?)null)));
            Assert.That((approved.StartSeconds, approved.EndSeconds), Is.EqualTo(((double?)start, (double?)end)));
        });
        await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), request.Id);
    }

    [TestCase("offsets and a bookmark", "bookmarkId")]
    [TestCase("neither", "startSeconds")]
    [TestCase("a window without a bookmark", "beforeSeconds")]
    [TestCase("a negative window", "beforeSeconds")]
    public async Task A_range_and_a_bookmark_together_neither_or_a_window_without_a_bookmark_is_a_400_naming_the_field(string asked, string field)
    {
        var span = Guid.NewGuid();
        object body = asked switch
        {
            "offsets and a bookmark" => new { evidenceId = _item, startSeconds = 1, endSeconds = 2, bookmarkId = span, purpose = "Complaint" },
            "neither" => new { evidenceId = _item, purpose = "Complaint" },
            "a window without a bookmark" => new { evidenceId = _item, startSeconds = 1, endSeconds = 2, beforeSeconds = 1, purpose = "Complaint" },
            _ => new { evidenceId = _item, bookmarkId = span, beforeSeconds = -1, purpose = "Complaint" },
        };

        var response = await BoardClient().PostAsJsonAsync("/api/clip-requests", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_watermark_draws_the_boards_name_over_the_bottom_of_the_clip_and_leaves_the_rest()
    {
        var plain = await ApprovedAndReadyAsync(2.0, 5.0, accurate: true);
        var marked = await ApprovedAndReadyAsync(new { evidenceId = _item, startSeconds = 2.0, endSeconds = 5.0, purpose = "Use-of-force review", watermark = true });
        var zip = await DownloadAsync(marked.ExportId!.Value);
        var plainZip = await DownloadAsync(plain.ExportId!.Value);
        var plainClip = ExtractClip(plainZip);
        var markedClip = ExtractClip(zip);

        // The text is centred near the bottom of the 320×240 frame.
        var textRegion = await PsnrAgainstSourceAsync(markedClip, plainClip, 0, 0.2, 2.8, "crop=200:20:60:210");
        var restOfTheFrame = await PsnrAgainstSourceAsync(markedClip, plainClip, 0, 0.2, 2.8, "crop=320:160:0:0");

        Assert.Multiple(() =>
        {
            Assert.That(textRegion, Is.LessThan(20), "the watermarked clip differs from the plain cut where the name is drawn");
            Assert.That(restOfTheFrame, Is.GreaterThan(35), "and is the same cut elsewhere");
        });
        var manifest = ReadManifest(zip);
        Assert.Multiple(() =>
        {
            Assert.That((marked.Watermark, marked.Accurate), Is.EqualTo(($"Released to {Board}", true)), "a watermark forces the re-encode");
            Assert.That(manifest.Watermark, Is.EqualTo($"Released to {Board}"));
            Assert.That(manifest.Method, Does.Contain("watermark"));
            Assert.That(manifest.FfmpegArguments[manifest.FfmpegArguments.ToList().IndexOf("-filter_complex") + 1],
                Does.Contain("drawtext").And.Contain($"Released to {Board}"));
            Assert.That(ReadManifest(plainZip).Watermark, Is.Null);
            Assert.That(ReadEntry(zip, ExportPackageFiles.Readme), Does.Contain($"\"Released to {Board}\""));
        });
        var (exit, output) = await VerifyAsync(zip);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [Test]
    public async Task A_board_name_with_filter_syntax_in_it_is_drawn_as_it_is()
    {
        const string board = @"board: O'Brien, [east]; 100% \ %{pts}";

        var ready = await ApprovedAndReadyAsync(
            new { evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = "Use-of-force review", watermark = true }, BoardClient(board));

        Assert.That(ready.Watermark, Is.EqualTo($"Released to {board}"));
    }

    [Test]
    public async Task A_request_a_lost_job_left_processing_is_cut_again_once_and_finished_or_live_ones_are_left_alone()
    {
        var finished = await ApprovedAndReadyAsync(1, 2, accurate: false);
        var lost = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = "Lost job" });
        var slow = await RequestAsync(new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = "Slow job" });
        var longAgo = _clock.GetUtcNow() - TimeSpan.FromHours(2);
        var liveJob = _api.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<CutClipJob>(job => job.RunAsync(slow.Id, null, CancellationToken.None), TimeSpan.FromHours(1));
        await using (var db = _api.OpenDb())
        {
            // As a server that died mid-cut leaves an approved request: Processing since long ago, its job gone with it.
            await db.ClipRequests.Where(r => r.Id == lost.Id || r.Id == slow.Id).ExecuteUpdateAsync(update => update
                .SetProperty(r => r.Status, ClipRequestStatus.Processing)
                .SetProperty(r => r.ProcessingStartedAt, longAgo)
                .SetProperty(r => r.DecidedBy, "clip-custodian")
                .SetProperty(r => r.DecidedAt, longAgo)
                .SetProperty(r => r.DecisionReason, "Board review is in order"));
            await db.ClipRequests.Where(r => r.Id == slow.Id).ExecuteUpdateAsync(update => update.SetProperty(r => r.JobId, liveJob));
            await db.ClipRequests.Where(r => r.Id == finished.Id).ExecuteUpdateAsync(update => update.SetProperty(r => r.ProcessingStartedAt, longAgo));
        }

        var first = await ReconcileAsync();
        var second = await ReconcileAsync();

        Assert.That((first, second), Is.EqualTo((1, 0)));
        var done = await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), lost.Id);
        var slowNow = (await BoardClient().GetFromJsonAsync<ClipRequestView>($"/api/clip-requests/{slow.Id}"))!;
        var finishedNow = (await BoardClient().GetFromJsonAsync<ClipRequestView>($"/api/clip-requests/{finished.Id}"))!;
        Assert.Multiple(() =>
        {
            Assert.That(done.ExportId, Is.Not.Null);
            Assert.That(slowNow.Status, Is.EqualTo("Processing"), "its job is scheduled, not lost");
            Assert.That((finishedNow.Status, finishedNow.ExportId), Is.EqualTo(("Ready", finished.ExportId)));
        });
        Assert.That(await ActionsAboutAsync(lost.Id), Is.EqualTo(new[] { CustodyAction.ClipRequested, CustodyAction.ClipCut, CustodyAction.ExportPackaged }));
        Assert.That(await ReconcileAsync(), Is.Zero, "a finished request is not cut again");
    }

    private static async Task<double> PsnrAgainstSourceAsync(string clip, string source, double clipStart, double from, double to, string region)
    {
        string Part(int input) => string.Create(CultureInfo.InvariantCulture,
            $"[{input}:v]trim={from}:{to},setpts=PTS-STARTPTS,{region}[p{input}]");
        var (exit, _, errors) = await LocalServices.RunToExitAsync("ffmpeg", new Dictionary<string, string>(),
            ["-hide_banner", "-nostdin", "-i", clip, "-ss", clipStart.ToString(CultureInfo.InvariantCulture), "-i", source,
                "-filter_complex", $"{Part(0)};{Part(1)};[p0][p1]psnr", "-f", "null", "-"]);
        Assert.That(exit, Is.Zero, errors);
        var average = errors[(errors.LastIndexOf("average:", StringComparison.Ordinal) + "average:".Length)..].Split(' ')[0];
        return average == "inf" ? double.PositiveInfinity : double.Parse(average, CultureInfo.InvariantCulture);
    }

    private static async Task<double> MaxVolumeAsync(string clip, double from, double to)
    {
        var (exit, _, errors) = await LocalServices.RunToExitAsync("ffmpeg", new Dictionary<string, string>(),
            ["-hide_banner", "-nostdin", "-i", clip, "-vn", "-af", string.Create(CultureInfo.InvariantCulture, $"atrim={from}:{to},volumedetect"), "-f", "null", "-"]);
        Assert.That(exit, Is.Zero, errors);
        var maximum = errors[(errors.LastIndexOf("max_volume:", StringComparison.Ordinal) + "max_volume:".Length)..].Trim().Split(' ')[0];
        return double.Parse(maximum, CultureInfo.InvariantCulture);
    }

    private const string ClipPlaceholderArgument = "{clip}";

    private async Task<ClipRequestView> RequestAsync(object body, HttpClient? board = null) =>
        await (await (board ?? BoardClient()).PostAsJsonAsync("/api/clip-requests", body)).ReadAsync<ClipRequestView>(HttpStatusCode.Created);

    private async Task<ClipRequestView> ApprovedAndReadyAsync(double start, double end, bool accurate, object[]? redactions = null) =>
        await ApprovedAndReadyAsync(new { evidenceId = _item, startSeconds = start, endSeconds = end, purpose = "Use-of-force review", accurate, redactions });

    private async Task<ClipRequestView> ApprovedAndReadyAsync(object body, HttpClient? board = null)
    {
        var request = await RequestAsync(body, board);
        (await Custodian().PostAsJsonAsync($"/api/clip-requests/{request.Id}/approve", new { reason = "Board review is in order" })).EnsureSuccessStatusCode();
        return await ClipExportVideo.WaitUntilDoneAsync(board ?? BoardClient(), request.Id);
    }

    private async Task<Guid> BookmarkAsync(Guid item, double start, double? end)
    {
        var response = await Supervisor().PostAsJsonAsync($"/api/evidence/{item}/bookmarks", new { startSeconds = start, endSeconds = end, label = "Use of force" });
        return (await response.ReadAsync<ReviewerBookmark>(HttpStatusCode.Created)).Id;
    }

    private async Task<int> ReconcileAsync()
    {
        using var scope = _api.Services.CreateScope();
        var reconciler = scope.ServiceProvider.GetServices<IStuckWorkReconciler>().OfType<StuckClipRequestsReconciler>().Single();
        return await reconciler.ReenqueueStuckAsync(CancellationToken.None);
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

    private async Task<(int Exit, string Output)> VerifyAsync(string zip, params string[] options)
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [Cli.CliTests.CliAssembly, "verify", "export", zip, "--key", _key, .. options]);
        return (exit, output + errors);
    }

    private static ExportManifest ReadManifest(string zip) =>
        JsonSerializer.Deserialize<ExportManifest>(ReadEntry(zip, ExportPackageFiles.Manifest), ExportPackageFiles.Json)!;

    internal static string ReadEntry(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    internal static string Rewrite(string zip, string name, Func<byte[], byte[]> change)
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

    private string ExtractClip(string zip)
    {
        var clip = Path.Combine(_api.DataRoot, $"clip-{Guid.NewGuid():N}.mp4");
        using var archive = ZipFile.OpenRead(zip);
        archive.GetEntry(ExportPackageFiles.Clip)!.ExtractToFile(clip);
        return clip;
    }

    private async Task<double> ClipVideoDurationAsync(string zip)
    {
        var clip = ExtractClip(zip);
        var duration = await LocalServices.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=duration", "-of", "csv=p=0", clip);
        return double.Parse(duration.Trim(), CultureInfo.InvariantCulture);
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
}
