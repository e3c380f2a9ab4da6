using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>
/// Places a hold on named items, a case's items and/or an officer's recordings in a time range. The hold is one
/// custody event, and each item it covers now gets one in its own custody.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record PlaceLegalHold(
    string Reason,
    string Matter,
    IReadOnlyList<Guid>? EvidenceIds = null,
    string? CaseNumber = null,
    string? OfficerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
    : ICommand<LegalHoldView>;

internal sealed class PlaceLegalHoldHandler(EvidenceDb db, ICurrentActor caller, BlobProtection protection, TimeProvider clock)
    : ICommandHandler<PlaceLegalHold, LegalHoldView>
{
    public async ValueTask<LegalHoldView> Handle(PlaceLegalHold command, CancellationToken cancellationToken)
    {
        var named = command.EvidenceIds?.Distinct().ToList() ?? [];
        var known = await db.EvidenceItems.Where(e => named.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
        if (named.Except(known).ToList() is { Count: > 0 } unknown)
        {
            throw RequestValidationException.For("evidenceIds", $"There is no evidence item {string.Join(", ", unknown)}.");
        }
        if (command.CaseNumber is { } caseNumber && !await db.Cases.AnyAsync(c => c.CaseNumber == caseNumber, cancellationToken))
        {
            throw RequestValidationException.For("caseNumber", $"There is no case {caseNumber}; open it first (PUT /api/cases/{{caseNumber}}).");
        }
        if (command.OfficerId is { } officerId
            && !await db.Officers.AnyAsync(o => o.OfficerId == officerId, cancellationToken)
            && !await db.EvidenceItems.AnyAsync(e => e.Recording.OfficerId == officerId, cancellationToken))
        {
            throw RequestValidationException.For("officerId", $"No officer {officerId} is registered or has recordings.");
        }

        var hold = LegalHold.Place(
            command.Reason.Trim(), command.Matter.Trim(), command.CaseNumber, command.OfficerId, command.From, command.To, caller.Actor.Id, clock.GetUtcNow());
        db.LegalHolds.Add(hold);
        db.LegalHoldItems.AddRange(named.Select(id => LegalHoldItem.Of(hold.Id, id)));
        var covered = await db.ItemsCoveredByAsync(hold, named, cancellationToken);
        var description = hold.Describe(named.Count);
        db.CustodyEvents.Record(CustodyAction.LegalHoldPlaced, caller.Actor, reason: $"{description}; {covered.Count} items held now; {hold.Reason}");
        foreach (var (id, sha256) in covered)
        {
            db.CustodyEvents.Record(CustodyAction.LegalHoldPlaced, caller.Actor, id, sha256, reason: $"{description}; {hold.Reason}");
        }
        protection.AfterCommit(covered.Select(c => c.Id));
        return LegalHoldView.Of(hold, named, covered.Count);
    }
}
