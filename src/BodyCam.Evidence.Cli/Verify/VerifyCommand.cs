using System.CommandLine;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// Offline checks of the custody ledger that trust nothing but the log's verifier key: the server's answers
/// are only material to check. Exit codes: 0 verified, 1 verification failed, 2 could not verify.
/// </summary>
internal static class VerifyCommand
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
        var checkpoint = new Command("checkpoint", "Verifies a signed checkpoint's signature and format, and that it is of the expected log.") { checkpointFile, key, origin };
        checkpoint.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var verified = VerifyCheckpoint(
                await File.ReadAllTextAsync(parsed.GetRequiredValue(checkpointFile).FullName, ct), verifierKey, parsed.GetValue(origin) ?? verifierKey.Name);
            Console.WriteLine($"checkpoint verified: {Describe(verified)}");
            return Verified;
        }));

        var previous = new Option<FileInfo?>("--previous") { Description = "A checkpoint saved earlier: the log must still extend it." };
        var save = new Option<FileInfo?>("--save") { Description = "Where to save the verified checkpoint, for the next --previous." };
        var log = new Command("log", "Fetches every entry up to the latest checkpoint, recomputes the tree and checks it against the checkpoint.")
        {
            server, key, token, previous, save,
        };
        log.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            using var api = new LedgerApi(BaseUrl(parsed.GetRequiredValue(server)), parsed.GetValue(token));
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var note = await api.CheckpointAsync(ct);
            var latest = VerifyCheckpoint(note, verifierKey);
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
        custody.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            using var api = new LedgerApi(BaseUrl(parsed.GetRequiredValue(server)), parsed.GetValue(token));
            var id = parsed.GetRequiredValue(evidenceId);
            return VerifyCustody(id, await api.CustodyAsync(id, ct), VerifierKey(parsed.GetRequiredValue(key)));
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
        export.SetAction(async (parsed, ct) => await RunAsync(async () =>
        {
            var verifierKey = VerifierKey(parsed.GetRequiredValue(key));
            var result = await ExportPackageCheck.VerifyAsync(parsed.GetRequiredValue(packageFile).FullName, verifierKey, VerifyCustody, ct);
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

    /// <summary>
    /// Checks every entry up to the checkpoint, recomputes the root, and compares it with the checkpoint's and
    /// the earlier checkpoint's. On a root mismatch the first bad entry is found by bisection: a prefix of
    /// the recomputed log that the server's consistency proof takes to the signed root is intact.
    /// </summary>
    private static async Task<int> VerifyLogAsync(LedgerApi api, Checkpoint latest, Checkpoint? earlier, CancellationToken cancellationToken)
    {
        if (earlier is not null && earlier.TreeSize > latest.TreeSize)
        {
            return Fail($"the log shrank: the saved checkpoint has {earlier.TreeSize} entries, the latest {latest.TreeSize}");
        }
        var leaves = new LeafHashes();
        var tree = new CompactRange();
        while (tree.Size < latest.TreeSize)
        {
            var count = (int)Math.Min(EntriesPerRequest, latest.TreeSize - tree.Size);
            var entries = await api.EntriesAsync(tree.Size, count, cancellationToken);
            if (entries.Count == 0)
            {
                return Fail($"the server has no entry {tree.Size}, but the checkpoint covers {latest.TreeSize}");
            }
            foreach (var entry in entries)
            {
                if (entry.Index != tree.Size)
                {
                    return Fail($"index {tree.Size}: the server sent entry {entry.Index} in its place");
                }
                if (LedgerEntryCheck.Problem(entry.Index, entry.Entry, entry.LeafHash, entry.Recorded) is { } problem)
                {
                    return Fail($"index {entry.Index}: {problem}");
                }
                leaves.Add(entry.LeafHash);
                tree.Append(entry.LeafHash);
                if (earlier is not null && tree.Size == earlier.TreeSize && !tree.RootHash().AsSpan().SequenceEqual(earlier.RootHash))
                {
                    return Fail($"the log's first {earlier.TreeSize} entries no longer have the saved checkpoint's root; {await FirstBadIndexAsync(api, leaves, earlier, cancellationToken)}");
                }
            }
        }
        Console.WriteLine($"entries checked: {tree.Size}");
        if (!tree.RootHash().AsSpan().SequenceEqual(latest.RootHash))
        {
            return Fail($"the recomputed root differs from the checkpoint's; {await FirstBadIndexAsync(api, leaves, latest, cancellationToken)}");
        }
        if (earlier is not null)
        {
            Console.WriteLine($"consistent with the saved checkpoint of size {earlier.TreeSize}");
        }
        Console.WriteLine("log verified");
        return Verified;
    }

    /// <summary>
    /// Bisects for the first leaf that differs from the tree <paramref name="signed"/> commits to. The proofs
    /// come from the server's stored tree; if that was rewritten too, the index found is where the rewrite can
    /// first be shown, not necessarily where it began.
    /// </summary>
    private static async Task<string> FirstBadIndexAsync(LedgerApi api, LeafHashes leaves, Checkpoint signed, CancellationToken cancellationToken)
    {
        async Task<bool> PrefixIsIntact(long size)
        {
            var proof = await api.ConsistencyProofAsync(size, signed.TreeSize, cancellationToken);
            return MerkleTree.VerifyConsistency(size, signed.TreeSize, proof.Hashes, leaves.RootOfFirst(size), signed.RootHash);
        }
        var (intact, broken) = (0L, Math.Min(leaves.Count, signed.TreeSize));
        while (broken - intact > 1)
        {
            var middle = intact + ((broken - intact) / 2);
            (intact, broken) = await PrefixIsIntact(middle) ? (middle, broken) : (intact, middle);
        }
        return $"the first entry that differs from what the checkpoint signed is index {intact}";
    }

    /// <summary>
    /// Checks each event the report lists. It cannot show that none was left out: that takes the whole log
    /// (<c>verify log</c>) or the audit trail filtered by the item.
    /// </summary>
    private static int VerifyCustody(Guid evidenceId, CustodyReport report, NoteVerifierKey key)
    {
        if (report.EvidenceId != evidenceId)
        {
            return Fail($"the server answered with the custody of {report.EvidenceId}, not of {evidenceId}");
        }
        if (report.Checkpoint is null)
        {
            return Fail("the report carries no checkpoint to verify against");
        }
        var checkpoint = VerifyCheckpoint(report.Checkpoint, key);
        Console.WriteLine($"checkpoint verified: {Describe(checkpoint)}");
        var unproven = 0;
        foreach (var e in report.Events)
        {
            var recorded = new CustodyEntry(
                e.Index, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, report.EvidenceId, e.ContentSha256, e.Reason, e.Outcome);
            if (LedgerEntryCheck.Problem(e.Index, e.Entry, e.LeafHash, recorded) is { } problem)
            {
                return Fail($"index {e.Index}: {problem}");
            }
            if (e.InclusionProof is null && e.Index < checkpoint.TreeSize)
            {
                return Fail($"index {e.Index}: the checkpoint covers it, but the report gives no inclusion proof");
            }
            if (e.InclusionProof is null)
            {
                Console.WriteLine($"{e.Index} {e.Time:O} {e.Action} {e.ActorId}: newer than the checkpoint, not yet provable");
                unproven++;
                continue;
            }
            if (!MerkleTree.VerifyInclusion(e.LeafHash, e.Index, checkpoint.TreeSize, e.InclusionProof, checkpoint.RootHash))
            {
                return Fail($"index {e.Index}: its inclusion proof does not lead to the checkpoint's root");
            }
            Console.WriteLine($"{e.Index} {e.Time:O} {e.Action} {e.ActorId} {e.Outcome}: included");
        }
        Console.WriteLine(unproven == 0
            ? $"custody of {report.EvidenceId} verified: {report.Events.Count} events"
            : $"custody of {report.EvidenceId}: {report.Events.Count - unproven} events verified, {unproven} await the next checkpoint");
        return unproven == 0 ? Verified : CouldNotVerify;
    }

    /// <summary>
    /// Each purge event the certificate names must be the ledger's entry at that index: same leaf hash, a Purged event of
    /// that item and hash. That the entries belong to a signed tree is what <c>verify log</c> checks.
    /// </summary>
    private static async Task<int> VerifyPurgeEventsAsync(LedgerApi api, DispositionCertificateDocument document, CancellationToken cancellationToken)
    {
        using (api)
        {
            foreach (var item in document.Items)
            {
                var entry = (await api.EntriesAsync(item.PurgeEventIndex, 1, cancellationToken)).SingleOrDefault();
                if (entry is null)
                {
                    return Fail($"the ledger has no entry {item.PurgeEventIndex} for the purge of {item.EvidenceId}");
                }
                var recorded = CustodyEntry.FromCanonicalBytes(entry.Entry);
                if (Convert.ToHexStringLower(MerkleHash.Leaf(entry.Entry)) != item.PurgeEventLeafHash
                    || recorded.Action != "Purged" || recorded.EvidenceId != item.EvidenceId || recorded.ContentSha256 != item.Sha256)
                {
                    return Fail($"ledger entry {item.PurgeEventIndex} is not the purge of {item.EvidenceId} with SHA-256 {item.Sha256} that the certificate lists");
                }
                Console.WriteLine($"{item.EvidenceId}: purge event {item.PurgeEventIndex} found in the ledger");
            }
        }
        Console.WriteLine("certificate matches the ledger");
        return Verified;
    }

    /// <summary>The live log must still hold the package's checkpoint: its latest signed checkpoint extends it.</summary>
    private static async Task<int> VerifyExtendedByLiveLogAsync(LedgerApi api, Checkpoint packaged, NoteVerifierKey key, CancellationToken cancellationToken)
    {
        var latest = VerifyCheckpoint(await api.CheckpointAsync(cancellationToken), key);
        if (latest.TreeSize < packaged.TreeSize)
        {
            return Fail($"the live log's latest checkpoint has {latest.TreeSize} entries, fewer than the package's {packaged.TreeSize}");
        }
        var proof = await api.ConsistencyProofAsync(packaged.TreeSize, latest.TreeSize, cancellationToken);
        if (!MerkleTree.VerifyConsistency(packaged.TreeSize, latest.TreeSize, proof.Hashes, packaged.RootHash, latest.RootHash))
        {
            return Fail($"the live log of {latest.TreeSize} entries is not consistent with the package's checkpoint of {packaged.TreeSize}");
        }
        Console.WriteLine($"the live log ({latest.TreeSize} entries) extends the package's checkpoint");
        return Verified;
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
    private static Checkpoint VerifyCheckpoint(string signedNote, NoteVerifierKey key) => VerifyCheckpoint(signedNote, key, key.Name);

    private static Checkpoint VerifyCheckpoint(string signedNote, NoteVerifierKey key, string origin)
    {
        var checkpoint = Checkpoint.Verify(signedNote, key);
        return checkpoint.Origin == origin
            ? checkpoint
            : throw new InvalidDataException($"the checkpoint is of the log '{checkpoint.Origin}', not of '{origin}'");
    }

    private static string Describe(Checkpoint checkpoint) =>
        $"{checkpoint.Origin}, {checkpoint.TreeSize} entries, root {Convert.ToBase64String(checkpoint.RootHash)}";

    private static Uri BaseUrl(string server) => new(server.EndsWith('/') ? server : server + "/");
}
