using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ledger;

internal static class LedgerQueries
{
    /// <summary>A proof can only be about a tree the log has grown to.</summary>
    public static async Task RequireTreeSizeAsync(EvidenceDb db, long treeSize, string field, CancellationToken cancellationToken)
    {
        if (await db.NodeCacheCoversAsync(treeSize, cancellationToken))
        {
            return;
        }
        var size = await db.LedgerSizeAsync(cancellationToken);
        if (treeSize > size)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [field] = [$"The custody log holds {size} entries; {field} cannot be larger."],
            });
        }
    }
}
