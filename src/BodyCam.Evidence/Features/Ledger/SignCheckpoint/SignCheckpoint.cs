using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// Signs a checkpoint of the log as it stands, if it has grown since the last one (or none was ever signed).
/// Issuing a checkpoint is not itself a custody event: the log would never stop growing. Only the recurring
/// job sends it, and it is also the integration's fallback: events committed by a process that died before
/// integrating them enter the log here, within one checkpoint interval.
/// </summary>
public sealed record SignCheckpoint : ICommand<SignedCheckpoint>;

public sealed record SignedCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset SignedAt);

internal sealed partial class SignCheckpointHandler(EvidenceDb db, NoteSigner signer, TimeProvider clock, ILogger<SignCheckpointHandler> logger)
    : ICommandHandler<SignCheckpoint, SignedCheckpoint>
{
    public async ValueTask<SignedCheckpoint> Handle(SignCheckpoint command, CancellationToken cancellationToken)
    {
        // Sealing takes the log's lock: from here on the size cannot move, and two signers cannot race to the same size.
        await db.SealCommittedCustodyEventsAsync(cancellationToken);
        var size = await db.LedgerSizeAsync(cancellationToken);
        var latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.TreeSize == size)
        {
            return Describe(latest);
        }

        var root = await db.RootHashAsync(size, cancellationToken);
        if (latest is not null)
        {
            var proof = await db.ConsistencyProofAsync(latest.TreeSize, size, cancellationToken);
            if (!MerkleTree.VerifyConsistency(latest.TreeSize, size, proof, latest.RootHash, root))
            {
                LogInconsistentLog(logger, latest.TreeSize, size);
                throw new InvalidOperationException(
                    $"The custody log of size {size} is not consistent with the checkpoint of size {latest.TreeSize}; no checkpoint was signed.");
            }
        }

        var checkpoint = new LedgerCheckpoint
        {
            TreeSize = size,
            RootHash = root,
            SignedNote = signer.Sign(new Checkpoint(signer.VerifierKey.Name, size, root).ToNoteText()),
            SignedAt = clock.GetUtcNow(),
        };
        db.LedgerCheckpoints.Add(checkpoint);
        return Describe(checkpoint);
    }

    private static SignedCheckpoint Describe(LedgerCheckpoint checkpoint) =>
        new(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.SignedNote, checkpoint.SignedAt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refused to sign: the custody log of size {Size} does not extend the checkpoint of size {CheckpointSize}")]
    private static partial void LogInconsistentLog(ILogger logger, long checkpointSize, long size);
}
