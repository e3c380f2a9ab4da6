using BodyCam.Evidence.Domain.Evidence;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// Which evidence a caller sees: Custodians, Auditors and Admins every item (their roles already limit what they
/// may do with it); Supervisors the items of their unit, scoped by the unit the officer belonged to when
/// recording; Officers their own recordings; anyone else none (oversight boards see only released exports).
/// </summary>
public static class EvidenceAccess
{
    public static bool SeesEveryItem(this ICurrentActor caller) =>
        caller.IsInRole(Roles.Custodian) || caller.IsInRole(Roles.Auditor) || caller.IsInRole(Roles.Admin);

    public static IQueryable<EvidenceItem> VisibleTo(this IQueryable<EvidenceItem> items, ICurrentActor caller)
    {
        if (caller.SeesEveryItem())
        {
            return items;
        }
        var callerId = caller.Actor.Id;
        if (caller.IsInRole(Roles.Supervisor) && caller.Unit is { } unit)
        {
            return items.Where(e => e.OfficerUnit == unit || e.Recording.OfficerId == callerId);
        }
        if (caller.IsInRole(Roles.Officer) || caller.IsInRole(Roles.Supervisor))
        {
            return items.Where(e => e.Recording.OfficerId == callerId);
        }
        return items.Where(e => false);
    }

    public static bool Sees(this ICurrentActor caller, string? officerId, string? officerUnit) =>
        caller.SeesEveryItem()
        || ((caller.IsInRole(Roles.Officer) || caller.IsInRole(Roles.Supervisor)) && officerId is not null && officerId == caller.Actor.Id)
        || (caller.IsInRole(Roles.Supervisor) && caller.Unit is { } unit && officerUnit == unit);
}
