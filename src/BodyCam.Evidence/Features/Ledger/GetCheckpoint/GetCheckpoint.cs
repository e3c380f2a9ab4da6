using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>The latest signed checkpoint. Public: a checkpoint is meant to be copied and witnessed.</summary>
public sealed record GetCheckpoint : IQuery<LatestCheckpoint>;

/// <param name="Note">The signed note, as published.</param>
/// <param name="TreeSize">The entries the checkpoint covers.</param>
/// <param name="SignedAt">When the server signed it.</param>
/// <param name="LogSize">The entries the custody log holds now: those after <paramref name="TreeSize"/> await the next checkpoint.</param>
public sealed record LatestCheckpoint(string Note, long TreeSize, DateTimeOffset SignedAt, long LogSize);

internal sealed class GetCheckpointHandler(EvidenceDb db) : IQueryHandler<GetCheckpoint, LatestCheckpoint>
{
    public async ValueTask<LatestCheckpoint> Handle(GetCheckpoint query, CancellationToken cancellationToken)
    {
        var latest = await db.LedgerCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.TreeSize)
            .Select(c => new { c.SignedNote, c.TreeSize, c.SignedAt })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No checkpoint has been signed yet; one follows within seconds of start-up.");
        return new LatestCheckpoint(latest.SignedNote, latest.TreeSize, latest.SignedAt, await db.LedgerSizeAsync(cancellationToken));
    }
}
