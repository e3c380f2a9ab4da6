using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// Moves a case's due day one step of its rule later, never past the rule's maximum (<see cref="ReleaseClock.Extend"/>).
/// A reason is required where the rule says so; it is kept in the timeline and the public package.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record ExtendReleaseCase(Guid CaseId, string? Reason) : ICommand<ReleaseCaseView>;

/// <summary>The reason is optional here: only a rule that says so requires one, and the handler knows the rule.</summary>
public sealed record ExtendReleaseCaseBody(string? Reason = null);

internal sealed class ExtendReleaseCaseHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ExtendReleaseCase, ReleaseCaseView>
{
    public async ValueTask<ReleaseCaseView> Handle(ExtendReleaseCase command, CancellationToken cancellationToken)
    {
        var releaseCase = await db.FindReleaseCaseAsync(command.CaseId, cancellationToken);
        if (releaseCase.Status == ReleaseCaseStatus.Published)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "extension", detail => new RefusedConflictException(detail), "The case is published: its due day no longer moves.", cancellationToken);
        }
        var rule = settings.Releases.Rule(releaseCase.RuleName)
            ?? throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "extension", detail => new RefusedUnprocessableException(detail),
                $"The case's rule {releaseCase.RuleName} is no longer configured (Releases:Rules).", cancellationToken);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (rule.ExtensionNeedsReason && reason is null)
        {
            throw RequestValidationException.For("reason", $"The rule {rule.Name} needs a documented reason for each extension.");
        }
        var outcome = ReleaseClock.Extend(rule, releaseCase.ClockStartedOn, releaseCase.DueOn, reason);
        if (outcome.DueOn is not { } dueOn)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "extension", detail => new RefusedUnprocessableException(detail), outcome.Refusal!, cancellationToken);
        }

        var previous = releaseCase.DueOn;
        var now = clock.GetUtcNow();
        db.ReleaseExtensions.Add(releaseCase.Extend(dueOn, reason, caller.Actor.Id, now));
        await db.RecordOnItemsAsync(
            releaseCase.Id, CustodyAction.ReleaseCaseExtended, caller.Actor,
            $"extended under {rule.Name} from {previous:yyyy-MM-dd} to {dueOn:yyyy-MM-dd}{(reason is null ? "" : $": {reason}")}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.LoadAsync(releaseCase, settings.Releases, now, cancellationToken);
    }
}
