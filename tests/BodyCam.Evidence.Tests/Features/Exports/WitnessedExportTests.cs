using System.IO.Compression;
using System.Text.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Witnessing;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// With a witness, an export package's proofs lead to the served checkpoint, cosigned by the witness, and
/// <c>bodycam verify export</c>, knowing only the log's key, accepts the note with the cosignature line in it.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class WitnessedExportTests(ApiProfile profile)
{
    [Test]
    public async Task A_package_carries_the_witness_cosigned_checkpoint_and_verifies_with_the_log_key()
    {
        var keyFolder = Directory.CreateTempSubdirectory("bodycam-witnessed-export-").FullName;
        var seed = NoteSigner.GenerateSeed();
        var keyPath = Path.Combine(keyFolder, "ledger-signing.key");
        await File.WriteAllTextAsync(keyPath, Convert.ToBase64String(seed));
        var log = new NoteSigner("bodycam-evidence.localhost/custody", seed);
        await using var witness = new GoWitness(log.VerifierKey, "witness.example/board");
        await witness.StartAsync();
        var (api, item) = await ClipExportVideo.StartAsync(
            profile, testServices: null,
            ("Ledger:SigningKeyPath", keyPath), ("Ledger:CheckpointEverySeconds", "1"),
            ("Ledger:Witnesses:0:Url", witness.Url.ToString()), ("Ledger:Witnesses:0:Key", witness.VerifierKey.ToString()));
        try
        {
            var board = api.ClientFor(Roles.OversightBoard, "witnessed-board");
            var request = await ExportPackages.RequestAsync(board, new { evidenceId = item, startSeconds = 2.0, endSeconds = 5.0, purpose = "Complaint 2026-140" });
            await ExportPackages.ApproveAsync(api, request.Id);
            var package = await ExportPackages.DownloadAsync(api, board, await ClipExportVideo.WaitUntilDoneAsync(board, request.Id));

            ExportProofs proofs;
            using (var zip = ZipFile.OpenRead(package))
            await using (var entry = zip.GetEntry(ExportPackageFiles.Proofs)!.Open())
            {
                proofs = (await JsonSerializer.DeserializeAsync<ExportProofs>(entry, ExportPackageFiles.Json))!;
            }
            var note = SignedNote.Parse(proofs.Checkpoint);
            Assert.That(Checkpoint.Verify(proofs.Checkpoint, log.VerifierKey).TreeSize, Is.EqualTo(proofs.TreeSize));
            Assert.That(witness.VerifierKey.CosignedAt(note), Is.Not.Null, "the package's checkpoint carries the witness's cosignature");

            var (exit, output) = await ExportPackages.VerifyWithCliAsync(package, log.VerifierKey.ToString());
            Assert.That(exit, Is.EqualTo(0), output);
        }
        finally
        {
            await api.DisposeAsync();
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
