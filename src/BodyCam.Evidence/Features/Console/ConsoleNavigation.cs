using System.Security.Claims;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Features.Console;

/// <summary>A place in the console, offered to the roles whose work it is (the pages themselves still ask the server).</summary>
public sealed record ConsoleLink(string Title, string Path, string Description, IReadOnlyList<string> Roles);

public static class ConsoleNavigation
{
    public static IReadOnlyList<ConsoleLink> Links { get; } =
    [
        new("Evidence", "/evidence", "Search recordings in your scope, open an item, watch it.",
            [Roles.Officer, Roles.Supervisor, Roles.Custodian, Roles.Auditor]),
        new("Clip requests", "/clip-requests", "Request audited clips, follow them, decide them.",
            [Roles.OversightBoard, Roles.Supervisor, Roles.Custodian]),
        new("Footage requests", "/footage-requests", "Ask for the footage of an incident; find, attach and release it before its deadline.",
            [Roles.OversightBoard, Roles.Supervisor, Roles.Custodian, Roles.Auditor]),
        new("Public releases", "/releases", "Footage released on a legal clock: due, due soon, overdue; extend, approve, publish.",
            [Roles.Custodian, Roles.Supervisor, Roles.Auditor, Roles.Admin]),
        new("Legal holds", "/legal-holds", "Place and release holds, see what they cover.", [Roles.Custodian]),
        new("Disposition", "/disposition", "The disposition queue and its two-person rule.", [Roles.Custodian]),
        new("Fixity", "/fixity", "Quarantined items and fixity failures.", [Roles.Custodian, Roles.Auditor]),
        new("Compliance", "/compliance", "Upload delays and uncategorised recordings, as charts.", [Roles.Supervisor, Roles.Custodian]),
        new("Audit trail", "/audit", "Every action and refusal, filtered; download as CSV.", [Roles.Auditor, Roles.Custodian, Roles.Admin]),
        new("Transparency report", "/reports/transparency", "The figures the agency publishes for a period, tied to a signed checkpoint.",
            [Roles.Auditor, Roles.Custodian, Roles.Admin]),
        new("Custody log", "/ledger", "The ledger's latest signed checkpoint, its size and age.", [Roles.Auditor, Roles.Custodian]),
        new("Docks", "/admin/docks", "Register docking stations; each key is shown once.", [Roles.Admin]),
        new("Officers", "/admin/officers", "Officers and their units.", [Roles.Admin]),
        new("Categories", "/admin/categories", "The agency's categories and their retention.", [Roles.Admin]),
    ];

    public static IEnumerable<ConsoleLink> For(ClaimsPrincipal user) => Links.Where(link => link.Roles.Any(user.IsInRole));
}
