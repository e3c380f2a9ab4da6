using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Officers;

internal static class OfficerUnits
{
    /// <summary>The unit the officer belonged to at <paramref name="time"/>: the latest assignment from then or before.</summary>
    public static async Task<string?> UnitOfOfficerAtAsync(this EvidenceDb db, string? officerId, DateTimeOffset time, CancellationToken cancellationToken) =>
        officerId is null
            ? null
            : await db.UnitAssignments.AsNoTracking()
                .Where(a => a.OfficerId == officerId && a.From <= time)
                .OrderByDescending(a => a.From).ThenByDescending(a => a.RecordedAt)
                .Select(a => a.Unit)
                .FirstOrDefaultAsync(cancellationToken);
}
