using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Exports;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// <c>bodycam verify export</c>, run as a process as a court would run it, on a package the server made and then
/// changed as an attacker would: entries that extract to other bytes than those checked, entries too large to parse,
/// claims the ledger never made, and requests changed in the database behind the application's back.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ExportPackageVerificationTests(ApiProfile profile)
{
    private const string Board = "package-board";
    private const string Purpose = "Complaint 2026-131";

    /// <summary>A verifier that parsed a hostile package whole would need far more; one that bounds it needs far less.</summary>
    private const string HeapLimit = "0x20000000";

    private EvidenceApiFactory _api = null!;
    private Guid _item;
    private string _key = "";
    private string _package = "";

    [OneTimeSetUp]
    public async Task StartServerAndMakeAPackage()
    {
        (_api, _item) = await ClipExportVideo.StartAsync(profile, testServices: null, ("Ledger:CheckpointEverySeconds", "1"));
        _key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
        var request = await RequestAsync(BoardClient(), new
        {
            evidenceId = _item, startSeconds = 2.0, endSeconds = 5.0, purpose = Purpose,
            redactions = new object[] { new { kind = "mute", startSeconds = 3.0, endSeconds = 4.0 } },
        });
        await ApproveAsync(request.Id);
        _package = await DownloadAsync(BoardClient(), await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), request.Id));
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task Entries_that_may_extract_to_other_bytes_than_those_checked_fail_verification_and_are_named()
    {
        var readme = Encoding.UTF8.GetByteCount(ClipExportTests.ReadEntry(_package, ExportPackageFiles.Readme));
        var packages = new Dictionary<string, (string Zip, string Named)>
        {
            ["a second clip.mp4"] = (Repackaged(zip => Add(zip, ExportPackageFiles.Clip, "another video")), "'clip.mp4' 2 times, which extract to one file"),
            ["a name in another case"] = (Repackaged(zip => Add(zip, "CLIP.MP4", "another video")), "'clip.mp4' and 'CLIP.MP4', which extract to one file"),
            ["\\ for /"] = (Repackaged(zip =>
            {
                Add(zip, "evidence/README.txt", "one");
                Add(zip, "evidence\\README.txt", "another");
            }), "'evidence/README.txt' and 'evidence\\README.txt', which extract to one file"),
            ["a name with a folder"] = (Repackaged(zip => Add(zip, "evidence/clip.mp4", "another video")), "'evidence/clip.mp4', a name with a folder"),
            ["a folder"] = (Repackaged(zip => zip.CreateEntry("evidence/")), "'evidence/', a name with a folder"),
            ["a file the format does not define"] = (Repackaged(zip => Add(zip, "notes.txt", "Approved by the chief.")), "'notes.txt', which its format does not define"),
            ["a missing file"] = (Repackaged(_ => { }, leavingOut: ExportPackageFiles.Readme), "the package has no README.txt"),
            ["data past its declared size"] = (DeclareSize(
                ClipExportTests.Rewrite(_package, ExportPackageFiles.Readme, bytes => [.. bytes, .. "\nApproved by the chief."u8]), ExportPackageFiles.Readme, readme),
                "README.txt: the bytes read have CRC-32"),
        };

        var untouched = await VerifyAsync(_package);
        var results = await VerifyEachAsync(packages.ToDictionary(p => p.Key, p => p.Value.Zip));

        Assert.That(untouched.Exit, Is.EqualTo(0), untouched.Output);
        Assert.Multiple(() =>
        {
            foreach (var (change, (_, named)) in packages)
            {
                Assert.That(results[change].Exit, Is.EqualTo(1), $"{change}:\n{results[change].Output}");
                Assert.That(results[change].Output, Does.Contain("FAILED: ").And.Contain(named), change);
            }
        });
    }

    [Test]
    public async Task Entries_beyond_the_documented_bounds_fail_verification_in_bounded_memory_without_a_stack_trace()
    {
        var packages = new Dictionary<string, (string Zip, string Named)>
        {
            ["a manifest holding a 1 GiB string"] = (Repackaged(zip =>
            {
                using var manifest = zip.CreateEntry(ExportPackageFiles.Manifest).Open();
                manifest.Write(Encoding.UTF8.GetBytes($"{{\"format\":\"{ExportPackageFiles.Format}\",\"purpose\":\""));
                var letters = new byte[1 << 20];
                Array.Fill(letters, (byte)'a');
                for (var mebibyte = 0; mebibyte < 1024; mebibyte++)
                {
                    manifest.Write(letters);
                }
                manifest.Write("\"}"u8);
            }, leavingOut: ExportPackageFiles.Manifest), "FAILED: manifest.json is 1,073,741,"),
            ["a custody listing 500,000 events"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.Custody, _ =>
                Encoding.UTF8.GetBytes($$"""{"evidenceId":"{{_item}}","events":[{{string.Join(',', Enumerable.Repeat("{}", 500_000))}}]}""")),
                "FAILED: custody.json lists more than 100,000 events"),
            ["the same under a name in another case"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.Custody, _ =>
                Encoding.UTF8.GetBytes($$"""{"evidenceId":"{{_item}}","EVENTS":[{{string.Join(',', Enumerable.Repeat("{}", 500_000))}}]}""")),
                "FAILED: custody.json does not read: The JSON property 'EVENTS' could not be mapped"),
            ["a proof of 1,000 hashes"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.Proofs, bytes =>
            {
                var proofs = JsonSerializer.Deserialize<ExportProofs>(bytes, ExportPackageFiles.Json)!;
                var longProof = proofs.Proofs[0] with { Hashes = [.. Enumerable.Repeat(new byte[32], 1000)] };
                return JsonSerializer.SerializeToUtf8Bytes(proofs with { Proofs = [longProof, .. proofs.Proofs.Skip(1)] }, ExportPackageFiles.Json);
            }), "FAILED: proofs.json lists more than 63 hashes in a proof"),
        };

        var results = await VerifyEachAsync(packages.ToDictionary(p => p.Key, p => p.Value.Zip), ("DOTNET_GCHeapHardLimit", HeapLimit));

        Assert.Multiple(() =>
        {
            foreach (var (change, (zip, named)) in packages)
            {
                Assert.That(new FileInfo(zip).Length, Is.LessThan(4 << 20), $"{change}: a small package");
                Assert.That(results[change].Exit, Is.EqualTo(1), $"{change}:\n{results[change].Output}");
                Assert.That(results[change].Output, Does.Contain(named).And.Not.Contain("   at "), change);
            }
        });
    }

    [Test]
    public async Task Each_claim_of_the_manifest_and_the_readme_changed_fails_verification_and_is_named()
    {
        var manifest = JsonSerializer.Deserialize<ExportManifest>(ClipExportTests.ReadEntry(_package, ExportPackageFiles.Manifest), ExportPackageFiles.Json)!;
        var filterAt = manifest.FfmpegArguments.ToList().IndexOf("-filter_complex") + 1;
        Assert.That(manifest.Redactions, Has.Count.EqualTo(1));
        Assert.That(filterAt, Is.GreaterThan(0), "a muted clip is cut with a filter");
        var claims = new Dictionary<string, ExportManifest>
        {
            ["purpose"] = manifest with { Purpose = "Public release" },
            ["requestedBy"] = manifest with { RequestedBy = "another-board" },
            ["approvals"] = manifest with { Approvals = [manifest.Approvals[0] with { Reason = "Approved without review" }] },
            ["redactions"] = manifest with { Redactions = [] },
            ["method"] = manifest with { Method = "stream copy from the preceding key frame" },
            ["ffmpegArguments"] = manifest with { FfmpegArguments = [.. manifest.FfmpegArguments.Select((a, i) => i == filterAt ? "[0:v]null[v];[0:a]anull[a]" : a)] },
        };
        var packages = claims.ToDictionary(
            c => c.Key, c => ClipExportTests.Rewrite(_package, ExportPackageFiles.Manifest, _ => ExportPackageWriter.ManifestJson(c.Value)));
        var readme = ClipExportTests.ReadEntry(_package, ExportPackageFiles.Readme);
        Assert.That(readme, Does.Contain("Parts of it are redacted on purpose"));
        packages["README.txt"] = ClipExportTests.Rewrite(_package, ExportPackageFiles.Readme, _ =>
            Encoding.UTF8.GetBytes(readme.Replace("Parts of it are redacted on purpose", "Nothing in it is redacted, though an earlier copy was", StringComparison.Ordinal)));

        var results = await VerifyEachAsync(packages);

        Assert.Multiple(() =>
        {
            foreach (var (claim, result) in results)
            {
                Assert.That(result.Exit, Is.EqualTo(1), $"{claim}:\n{result.Output}");
                Assert.That(result.Output, Does.Contain(claim == "README.txt"
                    ? "FAILED: README.txt is not the text the manifest gives"
                    : "FAILED: manifest.json has SHA-256 "), claim);
            }
        });
    }

    [Test]
    public async Task A_request_changed_in_the_database_before_its_cut_makes_a_package_whose_claims_fail_against_its_custody()
    {
        var purposeChanged = await RequestAsync(BoardClient(), new { evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = Purpose });
        var requesterChanged = await RequestAsync(BoardClient(), new { evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = Purpose });
        var approvedInTheDatabase = await RequestAsync(BoardClient(), new { evidenceId = _item, startSeconds = 1, endSeconds = 2, purpose = Purpose });
        await using (var db = _api.OpenDb())
        {
            await db.ClipRequests.Where(r => r.Id == purposeChanged.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Purpose, "Public release"));
            await db.ClipRequests.Where(r => r.Id == requesterChanged.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.RequestedBy, "another-board"));
            await db.ClipRequests.Where(r => r.Id == approvedInTheDatabase.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ClipRequestStatus.Approved)
                .SetProperty(r => r.DecidedBy, "clip-custodian")
                .SetProperty(r => r.DecidedAt, DateTimeOffset.UtcNow)
                .SetProperty(r => r.DecisionReason, "Board review is in order"));
        }
        await ApproveAsync(purposeChanged.Id);
        await ApproveAsync(requesterChanged.Id);
        _api.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<CutClipJob>(job => job.RunAsync(approvedInTheDatabase.Id, null, CancellationToken.None));

        var results = await VerifyEachAsync(new Dictionary<string, string>
        {
            ["purpose"] = await DownloadAsync(BoardClient(), await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), purposeChanged.Id)),
            ["requester"] = await DownloadAsync(
                BoardClient("another-board"), await ClipExportVideo.WaitUntilDoneAsync(BoardClient("another-board"), requesterChanged.Id)),
            ["approval"] = await DownloadAsync(BoardClient(), await ClipExportVideo.WaitUntilDoneAsync(BoardClient(), approvedInTheDatabase.Id)),
        });

        Assert.Multiple(() =>
        {
            Assert.That(results.Values.Select(r => r.Exit), Is.All.EqualTo(1), string.Join("\n---\n", results.Values.Select(r => r.Output)));
            Assert.That(results["purpose"].Output, Does.Contain("FAILED: the manifest's purpose \"Public release\" is not the one the request's custody event"));
            Assert.That(results["requester"].Output, Does.Contain($"FAILED: the manifest says another-board asked for the clip, but the request's custody event").And.Contain($"records {Board}"));
            Assert.That(results["approval"].Output, Does.Contain("FAILED: the manifest says clip-custodian approved the request, but its custody events record no approval"));
        });
    }

    private async Task<Dictionary<string, (int Exit, string Output)>> VerifyEachAsync(
        IReadOnlyDictionary<string, string> packages, params (string Name, string Value)[] environment)
    {
        var results = new Dictionary<string, (int Exit, string Output)>();
        foreach (var (change, zip) in packages)
        {
            results[change] = await VerifyAsync(zip, environment);
        }
        return results;
    }

    private Task<(int Exit, string Output)> VerifyAsync(string zip, params (string Name, string Value)[] environment) =>
        ExportPackages.VerifyWithCliAsync(zip, _key, environment);

    private string Repackaged(Action<ZipArchive> add, string? leavingOut = null) => ExportPackages.Repackaged(_package, add, leavingOut);

    private static void Add(ZipArchive zip, string name, string content) => ExportPackages.Add(zip, name, content);

    /// <summary>
    /// Writes <paramref name="size"/> as the entry's uncompressed size in its local header and the central directory,
    /// leaving its data and CRC-32 as they are: .NET stops reading there, unzip inflates the data to its end.
    /// </summary>
    private static string DeclareSize(string zip, string name, int size)
    {
        var bytes = File.ReadAllBytes(zip);
        var encodedName = Encoding.UTF8.GetBytes(name);
        foreach (var (signature, nameAt, sizeAt) in new[] { (0x04034b50u, 30, 22), (0x02014b50u, 46, 24) })
        {
            for (var at = 0; at + nameAt + encodedName.Length <= bytes.Length; at++)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == signature && bytes.AsSpan(at + nameAt, encodedName.Length).SequenceEqual(encodedName))
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + sizeAt), size);
                }
            }
        }
        File.WriteAllBytes(zip, bytes);
        return zip;
    }

    private static Task<ClipRequestView> RequestAsync(HttpClient board, object body) => ExportPackages.RequestAsync(board, body);

    private Task ApproveAsync(Guid requestId) => ExportPackages.ApproveAsync(_api, requestId);

    private Task<string> DownloadAsync(HttpClient board, ClipRequestView ready) => ExportPackages.DownloadAsync(_api, board, ready);

    private HttpClient BoardClient(string board = Board) => _api.ClientFor(Roles.OversightBoard, board);
}
