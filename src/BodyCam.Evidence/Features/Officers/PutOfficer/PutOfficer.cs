using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.People;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Officers;

/// <summary>
/// Creates or changes an officer. A new unit applies from <see cref="UnitSince"/> (default: now; for an officer's
/// first unit, from the beginning), and recordings made since then are rescoped to it; earlier recordings keep
/// the unit their officer had when recording.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record PutOfficer(string OfficerId, string Name, string? Unit, bool Active = true, DateTimeOffset? UnitSince = null) : ICommand<OfficerView>;

public sealed record OfficerView(string OfficerId, string Name, string? Unit, bool Active, int Rescoped);

internal sealed class PutOfficerHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<PutOfficer, OfficerView>
{
    public async ValueTask<OfficerView> Handle(PutOfficer command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.OfficerId == command.OfficerId, cancellationToken);
        if (officer is null)
        {
            officer = Officer.Create(command.OfficerId, now);
            db.Officers.Add(officer);
        }
        officer.Describe(command.Name.Trim(), command.Active, now);

        var unit = string.IsNullOrWhiteSpace(command.Unit) ? null : command.Unit.Trim();
        var rescoped = 0;
        var hadUnit = await db.UnitAssignments.AnyAsync(a => a.OfficerId == officer.OfficerId, cancellationToken);
        var unitChanges = hadUnit ? unit != officer.Unit || command.UnitSince is not null : unit is not null;
        if (unitChanges)
        {
            var since = command.UnitSince ?? (hadUnit ? now : DateTimeOffset.MinValue);
            officer.AssignUnit(unit, now);
            db.UnitAssignments.Add(UnitAssignment.Assign(officer.OfficerId, unit, since, now, caller.Actor.Id));
            var recordedSince = await db.EvidenceItems
                .Where(e => e.Recording.OfficerId == officer.OfficerId && (e.Recording.RecordedStart ?? e.ReceivedAt) >= since)
                .ToListAsync(cancellationToken);
            foreach (var item in recordedSince.Where(e => e.OfficerUnit != unit))
            {
                item.Rescope(unit);
                rescoped++;
            }
        }
        db.CustodyEvents.Record(
            CustodyAction.OfficerRecorded, caller.Actor,
            reason: $"officer {officer.OfficerId} ('{officer.Name}', {(officer.Active ? "active" : "inactive")}), unit {officer.Unit ?? "none"}"
                + (rescoped > 0 ? $", {rescoped} recordings rescoped" : ""));
        return new OfficerView(officer.OfficerId, officer.Name, officer.Unit, officer.Active, rescoped);
    }
}
