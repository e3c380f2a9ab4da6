using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>The latest signed checkpoint. Public: a checkpoint is meant to be copied and witnessed.</summary>
public sealed record GetCheckpoint : IQuery<string>;

internal sealed class GetCheckpointHandler(EvidenceDb db) : IQueryHandler<GetCheckpoint, string>
{
    public async ValueTask<string> Handle(GetCheckpoint query, CancellationToken cancellationToken) =>
        await db.LedgerCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.TreeSize)
            .Select(c => c.SignedNote)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("No checkpoint has been signed yet; one follows within seconds of start-up.");
}
