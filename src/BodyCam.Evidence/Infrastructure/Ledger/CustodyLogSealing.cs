using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// Sealing: committed custody events enter the log in id order, each numbered, its canonical entry and leaf hash
/// stored in its row, with the subtrees it completes. The unit of work (<see cref="EvidenceDb"/>) waits for it after
/// its commit; each database says how it locks the log and writes the seals.
/// </summary>
internal static class CustodyLogSealing
{
    /// <summary>
    /// Inside the current transaction, under the log's lock (which it takes): numbers every committed event that is
    /// not yet in the log, in id order (the order each process recorded them in), stores its entry and leaf hash, and
    /// the subtrees it completes. Returns the log's new right edge and last leaf, or null if it found nothing to seal.
    /// </summary>
    internal static async Task<(CompactRange Edge, byte[] LastLeafHash)?> SealCommittedCustodyEventsAsync(this EvidenceDb db, CancellationToken cancellationToken)
    {
        const int Batch = 1000;
        CompactRange? edge = null;
        byte[]? lastLeafHash = null;
        while (true)
        {
            var (head, unsealed) = await db.LockLogAndReadUnsealedAsync(Batch, cancellationToken);
            if (unsealed.Count > 0)
            {
                edge ??= db.Integration.RememberedEdgeAt(head) ?? await db.ReadCompactRangeAsync(head.Size, cancellationToken);
                var seals = new List<CustodyEventSeal>(unsealed.Count);
                var nodes = new List<LedgerNode>(unsealed.Count * 2);
                foreach (var custodyEvent in unsealed)
                {
                    var sequence = edge.Size;
                    var entry = custodyEvent.InLogAt(sequence).ToCanonicalBytes();
                    lastLeafHash = MerkleHash.Leaf(entry);
                    seals.Add(new CustodyEventSeal(custodyEvent.Id, sequence, entry, lastLeafHash));
                    nodes.AddRange(LedgerTree.NodesOfLeaf(edge, sequence, lastLeafHash));
                }
                await db.WriteSealsAsync(seals, nodes, cancellationToken);
            }
            if (unsealed.Count < Batch)
            {
                return edge is null || lastLeafHash is null ? null : (edge, lastLeafHash);
            }
        }
    }

    /// <summary>One integration round, in a context of its own: the log's new edge is remembered only once the seals commit.</summary>
    internal static async Task RunIntegrationRoundAsync(this EvidenceDb round) =>
        await round.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await round.Database.BeginTransactionAsync(ct);
            var sealedUpTo = await round.SealCommittedCustodyEventsAsync(ct);
            await transaction.CommitAsync(ct);
            if (sealedUpTo is var (edge, lastLeafHash))
            {
                round.Integration.Remember(edge, lastLeafHash);
            }
        }, CancellationToken.None);
}
