using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cases;

/// <summary>
/// Opens a case under the agency's own number, or changes its title and status. Without a status a new case is
/// open and an existing one keeps its status. Closing a case freezes its links until it is opened again.
/// </summary>
[RequiresRole(Roles.Custodian, Roles.Supervisor)]
public sealed record PutCase(string CaseNumber, string Title, string? Status) : ICommand<CaseView>;

internal sealed class PutCaseHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<PutCase, CaseView>
{
    public async ValueTask<CaseView> Handle(PutCase command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.CaseNumber == command.CaseNumber, cancellationToken);
        var opened = @case is null;
        if (@case is null)
        {
            @case = Case.Open(command.CaseNumber, command.Title.Trim(), caller.Actor.Id, now);
            db.Cases.Add(@case);
        }
        var status = CaseNumbers.TryParseStatus(command.Status, out var given) ? given : @case.Status;
        @case.Describe(command.Title.Trim(), status, now);
        db.CustodyEvents.Record(
            CustodyAction.CaseRecorded, caller.Actor,
            reason: $"case {@case.CaseNumber} {(opened ? "opened" : "changed")}: '{@case.Title}', {@case.Status}");
        return CaseView.Of(@case);
    }
}
