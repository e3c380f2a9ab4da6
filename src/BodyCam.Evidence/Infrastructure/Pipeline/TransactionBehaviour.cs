using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>
/// Runs a command and saves everything it changed, its custody events included, in one transaction. The
/// execution strategy may retry the whole attempt after a transient failure, so each attempt starts clean.
/// Once committed, the command's custody events are integrated into the log before it answers (so a caller reads
/// its own events with their ledger index), then work the command deferred until after the commit runs. Queries
/// and commands that commit themselves (<see cref="ICommitsItself"/>) pass straight through.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(EvidenceDb db, PostCommitWork postCommit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is ICommitsItself || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        TResponse response;
        try
        {
            response = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                postCommit.Discard();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    var handled = await next(message, ct);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return handled;
                }
                catch (RecordedRefusalException)
                {
                    // A refusal is a custody event even inside a command; handlers refuse before they change anything.
                    await transaction.CommitAsync(CancellationToken.None);
                    throw;
                }
            }, cancellationToken);
        }
        catch (RecordedRefusalException)
        {
            await db.IntegrateRecordedCustodyEventsAsync(CancellationToken.None);
            throw;
        }
        try
        {
            await db.IntegrateRecordedCustodyEventsAsync(cancellationToken);
        }
        finally
        {
            await postCommit.RunAsync();
        }
        return response;
    }
}
