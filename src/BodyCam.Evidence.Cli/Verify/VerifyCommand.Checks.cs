using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>The checks each <c>verify</c> subcommand runs on what the server answered.</summary>
internal static partial class VerifyCommand
{
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
    private static int VerifyCustody(Guid evidenceId, CustodyReport report, NoteVerifierKey key, WitnessPolicy witnesses)
    {
        if (report.EvidenceId != evidenceId)
        {
            return Fail($"the server answered with the custody of {report.EvidenceId}, not of {evidenceId}");
        }
        if (report.Checkpoint is null)
        {
            return Fail("the report carries no checkpoint to verify against");
        }
        var checkpoint = VerifyCheckpoint(report.Checkpoint, key, key.Name, witnesses);
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
}
