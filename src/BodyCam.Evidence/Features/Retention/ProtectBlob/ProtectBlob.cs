using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Storage;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Retention;

/// <summary>
/// Brings a verified blob's store-level protection up to date: an immutability policy reaching the item's retention
/// end (or <c>Retention:IndefiniteImmutabilityDays</c> ahead, renewed by the sweep, while it is kept indefinitely),
/// and a blob legal hold exactly while a legal hold covers the item. Policies are only ever extended: a locked one
/// cannot be shortened, and an unlocked one is not shortened either, so both modes behave alike.
/// </summary>
public sealed record ProtectBlob(Guid EvidenceId) : ICommand;

internal sealed class ProtectBlobHandler(EvidenceDb db, IBlobImmutability immutability, EvidenceSettings settings, ICurrentActor caller, TimeProvider clock)
    : ICommandHandler<ProtectBlob>
{
    public async ValueTask<Unit> Handle(ProtectBlob command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken);
        if (item is null || item.Status != EvidenceStatus.Verified || item.Disposition == DispositionState.Purged)
        {
            return Unit.Value;
        }
        var now = clock.GetUtcNow();
        var wanted = item.RetainUntil ?? now.AddDays(settings.Retention.IndefiniteImmutabilityDays);
        var until = item.ImmutableUntil is { } applied && applied >= wanted ? applied : wanted;
        var held = await db.EvidenceItems.Where(e => e.Id == item.Id).AnyAsync(Retention.UnderLegalHold(db), cancellationToken);
        var changes = new List<string>();
        if (until != item.ImmutableUntil)
        {
            await immutability.SetImmutableUntilAsync(item.BlobName, until, cancellationToken);
            changes.Add($"immutable until {until.ToString("O", CultureInfo.InvariantCulture)} ({settings.Retention.Immutability})");
        }
        if (held != item.BlobLegalHold)
        {
            await immutability.SetLegalHoldAsync(item.BlobName, held, cancellationToken);
            changes.Add(held ? "blob legal hold set" : "blob legal hold cleared");
        }
        if (changes.Count > 0)
        {
            item.RecordImmutability(until, held);
            db.CustodyEvents.Record(CustodyAction.ImmutabilityApplied, caller.Actor, item.Id, item.StreamSha256, reason: string.Join("; ", changes));
        }
        return Unit.Value;
    }
}

public sealed class ProtectBlobJob(IMediator mediator)
{
    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(Guid evidenceId, CancellationToken cancellationToken) => await mediator.Send(new ProtectBlob(evidenceId), cancellationToken);
}

/// <summary>Queues the protect job for items whose retention or holds changed, once the change has committed; nothing when immutability is off.</summary>
public sealed class BlobProtection(EvidenceSettings settings, PostCommitWork postCommit, IBackgroundJobClient jobs)
{
    public void AfterCommit(IEnumerable<Guid> evidenceIds)
    {
        if (settings.Retention.Immutability == ImmutabilityMode.Off)
        {
            return;
        }
        foreach (var id in evidenceIds.ToList())
        {
            postCommit.Add(() => jobs.Enqueue<ProtectBlobJob>(job => job.RunAsync(id, CancellationToken.None)));
        }
    }
}
