using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A custodian opens a release case for an incident: its public title and description, when it happened, when the
/// complaint (or request) came if the rule counts from that, the rule, and the verified items whose footage is released.
/// The due day follows from the rule at once.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record OpenReleaseCase(
    string Title,
    string Description,
    DateTimeOffset? IncidentAt,
    string Rule,
    IReadOnlyList<Guid> EvidenceIds,
    DateTimeOffset? ComplaintAt = null)
    : ICommand<ReleaseCaseView>;

internal sealed class OpenReleaseCaseHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<OpenReleaseCase, ReleaseCaseView>
{
    public async ValueTask<ReleaseCaseView> Handle(OpenReleaseCase command, CancellationToken cancellationToken)
    {
        var rule = settings.Releases.Rule(command.Rule)
            ?? throw RequestValidationException.For("rule", $"There is no release rule {command.Rule}; the rules are: {string.Join(", ", settings.Releases.Rules.Keys.Order(StringComparer.OrdinalIgnoreCase))}.");
        if (rule.StartsAt == ReleaseClockStart.Complaint && command.ComplaintAt is null)
        {
            throw RequestValidationException.For("complaintAt", $"The rule {rule.Name} counts from the complaint: give when it was received.");
        }
        var named = command.EvidenceIds.Distinct().ToList();
        var verified = await db.EvidenceItems.Where(e => named.Contains(e.Id) && e.Status == EvidenceStatus.Verified).Select(e => e.Id).ToListAsync(cancellationToken);
        if (named.Except(verified).ToList() is { Count: > 0 } unknown)
        {
            throw RequestValidationException.For("evidenceIds", $"There is no verified evidence item {string.Join(", ", unknown)}.");
        }

        var now = clock.GetUtcNow();
        var releaseCase = ReleaseCase.Open(
            command.Title.Trim(), command.Description.Trim(), rule, command.IncidentAt!.Value, command.ComplaintAt, settings.Releases.TimeZone, caller.Actor.Id, now);
        db.ReleaseCases.Add(releaseCase);
        db.ReleaseCaseItems.AddRange(named.Select(id => ReleaseCaseItem.Of(releaseCase.Id, id)));
        await db.SaveChangesAsync(cancellationToken);
        await db.RecordOnItemsAsync(
            releaseCase.Id, CustodyAction.ReleaseCaseOpened, caller.Actor,
            $"opened under {rule.Name} for \"{releaseCase.Title}\", {named.Count} items, due {releaseCase.DueOn:yyyy-MM-dd}", cancellationToken);
        return await db.LoadAsync(releaseCase, settings.Releases, now, cancellationToken);
    }
}
