using System.CommandLine;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// Offline checks of the custody ledger that trust nothing but the log's verifier key: the server's answers
/// are only material to check. Exit codes: 0 verified, 1 verification failed, 2 could not verify.
/// </summary>
internal static partial class VerifyCommand
{
    private const int Verified = 0;
    private const int Failed = 1;
    internal const int CouldNotVerify = 2;
    private const int EntriesPerRequest = 1000;

    public static Command Create()
    {
        var key = new Option<string>("--key") { Description = "The log's verifier key (name+keyid+base64), obtained out of band.", Required = true };
        var server = new Option<string>("--server") { Description = "The server's base URL.", Required = true };
        var token = new Option<string?>("--token")
        {
            Description = "Bearer token of an Auditor, Custodian or Admin (default: $BODYCAM_TOKEN).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BODYCAM_TOKEN"),
        };

        var checkpointFile = new Argument<FileInfo>("file") { Description = "A signed checkpoint, as GET /api/ledger/checkpoint returns it." };
        var origin = new Option<string?>("--origin")
        {
            Description = "The origin the checkpoint must name (default: the key's name). A log may sign under another name, as Go's checksum database signs 'go.sum database tree' with the key 'sum.golang.org'.",
        };
        var witnesses = new WitnessOptions();
        var checkpoint = new Command(
            "checkpoint", "Verifies a signed checkpoint's signature and format, that it is of the expected log, and the cosignatures of the --witness keys.")
        {
            checkpointFile, key, origin,
        };
        witnesses.AddTo(checkpoint);
        checkpoint.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var verified = VerifyCheckpoint(
                await File.ReadAllTextAsync(parsed.GetRequiredValue(checkpointFile).FullName, ct), verifierKey, parsed.GetValue(origin) ?? verifierKey.Name,
                witnesses.Policy(parsed));
            Console.WriteLine($"checkpoint verified: {Describe(verified)}");
            return Verified;
        }));

        var previous = new Option<FileInfo?>("--previous") { Description = "A checkpoint saved earlier: the log must still extend it." };
        var save = new Option<FileInfo?>("--save") { Description = "Where to save the verified checkpoint, for the next --previous." };
        var log = new Command("log", "Fetches every entry up to the latest checkpoint, recomputes the tree and checks it against the checkpoint.")
        {
            server, key, token, previous, save,
        };
        witnesses.AddTo(log);
        log.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            using var api = new LedgerApi(BaseUrl(parsed.GetRequiredValue(server)), parsed.GetValue(token));
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var note = await api.CheckpointAsync(ct);
            var latest = VerifyCheckpoint(note, verifierKey, verifierKey.Name, witnesses.Policy(parsed));
            Console.WriteLine($"checkpoint verified: {Describe(latest)}");
            var earlier = parsed.GetValue(previous) is { } file ? VerifyCheckpoint(await File.ReadAllTextAsync(file.FullName, ct), verifierKey) : null;
            var result = await VerifyLogAsync(api, latest, earlier, ct);
            if (result == Verified && parsed.GetValue(save) is { } saveTo)
            {
                await File.WriteAllTextAsync(saveTo.FullName, note, ct);
            }
            return result;
        }));

        var evidenceId = new Argument<Guid>("evidence-id") { Description = "The evidence item whose custody to verify." };
        var custody = new Command("custody", "Verifies an item's custody report: every event, and its inclusion in the latest checkpoint.")
        {
            evidenceId, server, key, token,
        };
        witnesses.AddTo(custody);
        custody.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            using var api = new LedgerApi(BaseUrl(parsed.GetRequiredValue(server)), parsed.GetValue(token));
            var id = parsed.GetRequiredValue(evidenceId);
            return VerifyCustody(id, await api.CustodyAsync(id, ct), VerifierKey(parsed.GetRequiredValue(key)), witnesses.Policy(parsed));
        }));

        var certificateFile = new Argument<FileInfo>("file") { Description = "A disposition certificate, as GET /api/disposition-certificates/{id} returns it." };
        var ledgerServer = new Option<string?>("--server") { Description = "Also check each purge event against this server's ledger entries." };
        var certificate = new Command("certificate", "Verifies a disposition certificate's signature; with --server, also that each purge event is in the ledger as listed.")
        {
            certificateFile, key, ledgerServer, token,
        };
        certificate.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            var (document, problem) = DispositionCertificateDocument.Verify(
                await File.ReadAllTextAsync(parsed.GetRequiredValue(certificateFile).FullName, ct), VerifierKey(parsed.GetRequiredValue(key)));
            if (document is null)
            {
                return Fail(problem!);
            }
            Console.WriteLine($"certificate {document.CertificateId} verified: signed by {document.Log}, issued {document.IssuedAt:O}, {document.Items.Count} items destroyed");
            foreach (var item in document.Items)
            {
                Console.WriteLine(
                    $"{item.EvidenceId} sha256 {item.Sha256}, {item.Bytes} bytes, requested by {item.RequestedBy}, approved by {item.ApprovedBy}, purged {item.PurgedAt:O}, ledger index {item.PurgeEventIndex}");
            }
            return parsed.GetValue(ledgerServer) is { } url
                ? await VerifyPurgeEventsAsync(new LedgerApi(BaseUrl(url), parsed.GetValue(token)), document, ct)
                : Verified;
        }));

        var packageFile = new Argument<FileInfo>("zip") { Description = "An export package, as GET /api/exports/{id}/download returns it." };
        var liveServer = new Option<string?>("--server") { Description = "Also check that the package's checkpoint is consistent with this server's log (needs --token)." };
        var export = new Command("export",
            "Verifies an export package offline: its files and their bounds, the custody events and their proofs against the signed checkpoint, the manifest against the ledger, the clip against the manifest.")
        {
            packageFile, key, liveServer, token,
        };
        witnesses.AddTo(export);
        export.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var policy = witnesses.Policy(parsed);
            var result = await ExportPackageCheck.VerifyAsync(
                parsed.GetRequiredValue(packageFile).FullName, verifierKey, (id, report, key) => VerifyCustody(id, report, key, policy), ct);
            if (result.ExitCode != Verified || parsed.GetValue(liveServer) is not { } url)
            {
                return result.ExitCode;
            }
            using var api = new LedgerApi(BaseUrl(url), parsed.GetValue(token));
            return await VerifyExtendedByLiveLogAsync(api, VerifyCheckpoint(result.Checkpoint!, verifierKey), verifierKey, ct);
        }));

        return new Command("verify", "Verifies the custody ledger, trusting only its verifier key. Exit codes: 0 verified, 1 failed, 2 could not verify.")
        {
            checkpoint, log, custody, certificate, export,
        };
    }

    private static async Task<int> RunAsync(Func<Task<int>> verify)
    {
        try
        {
            return await verify();
        }
        catch (InvalidDataException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e)
        {
            // The exit code is the answer: whatever else stopped the check, even a fault of the verifier's own, left it undecided.
            Console.Error.WriteLine($"could not verify: {e.Message}");
            return CouldNotVerify;
        }
    }

    internal static int Fail(string reason)
    {
        Console.WriteLine($"FAILED: {reason}");
        return Failed;
    }

    private static NoteVerifierKey VerifierKey(string text) => NoteVerifierKey.Parse(text.Trim());

    /// <summary>
    /// This system names its checkpoints' origin after its key, so a checkpoint of another log is not this log's. Other
    /// logs may name them otherwise (c2sp.org/tlog-checkpoint ties the origin to the log, not to the key's name).
    /// </summary>
    private static Checkpoint VerifyCheckpoint(string signedNote, NoteVerifierKey key) => VerifyCheckpoint(signedNote, key, key.Name, WitnessPolicy.None);

    private static Checkpoint VerifyCheckpoint(string signedNote, NoteVerifierKey key, string origin, WitnessPolicy witnesses)
    {
        var checkpoint = Checkpoint.Verify(signedNote, key);
        if (checkpoint.Origin != origin)
        {
            throw new InvalidDataException($"the checkpoint is of the log '{checkpoint.Origin}', not of '{origin}'");
        }
        RequireCosignatures(SignedNote.Parse(signedNote), witnesses);
        return checkpoint;
    }

    /// <summary>Names each witness with its cosignature's time or what is wrong with it, and fails when fewer than the quorum cosigned.</summary>
    private static void RequireCosignatures(SignedNote checkpoint, WitnessPolicy witnesses)
    {
        var quorum = witnesses.Check(checkpoint);
        foreach (var witness in quorum.Witnesses)
        {
            Console.WriteLine($"witness {witness.Witness.Name}: {Describe(witness)}");
        }
        if (!quorum.IsMet)
        {
            var lacking = quorum.Witnesses.Where(witness => witness.Status != CosignatureStatus.Cosigned).Select(witness => $"{witness.Witness.Name} {Describe(witness)}");
            throw new InvalidDataException(
                $"{quorum.Cosigned} of the {quorum.Quorum} witness cosignatures required are on the checkpoint; witness {string.Join("; witness ", lacking)}");
        }
        if (witnesses.Witnesses.Count > 0)
        {
            Console.WriteLine($"witness quorum met: {quorum.Cosigned} of {witnesses.Witnesses.Count} witnesses cosigned, {quorum.Quorum} required");
        }
    }

    private static string Describe(CosignatureCheck witness) => witness.Status switch
    {
        CosignatureStatus.Cosigned => $"cosigned at {witness.CosignedAt:O}",
        CosignatureStatus.Missing => $"has no cosignature on the checkpoint (key ID {Convert.ToHexStringLower(witness.Witness.KeyId)})",
        _ => $"has a cosignature on the checkpoint that does not verify (key ID {Convert.ToHexStringLower(witness.Witness.KeyId)}): the checkpoint, its time or the signature was changed",
    };

    private static string Describe(Checkpoint checkpoint) =>
        $"{checkpoint.Origin}, {checkpoint.TreeSize} entries, root {Convert.ToBase64String(checkpoint.RootHash)}";

    private static Uri BaseUrl(string server) => new(server.EndsWith('/') ? server : server + "/");
}
