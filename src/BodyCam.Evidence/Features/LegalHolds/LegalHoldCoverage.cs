using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.LegalHolds;

internal static class LegalHoldCoverage
{
    /// <summary>The items one hold covers now, whether or not it is saved or active: its named items, its case's, its officer's in range.</summary>
    public static async Task<List<(Guid Id, string Sha256)>> ItemsCoveredByAsync(
        this EvidenceDb db, LegalHold hold, IReadOnlyCollection<Guid> namedItems, CancellationToken cancellationToken)
    {
        var items = await db.EvidenceItems.AsNoTracking()
            .Where(e => namedItems.Contains(e.Id)
                || (hold.CaseNumber != null && db.CaseLinks.Any(l => l.CaseNumber == hold.CaseNumber && l.EvidenceId == e.Id))
                || (hold.OfficerId != null && e.Recording.OfficerId == hold.OfficerId
                    && (hold.From == null || (e.Recording.RecordedEnd ?? e.Recording.RecordedStart ?? e.ReceivedAt) >= hold.From)
                    && (hold.To == null || (e.Recording.RecordedStart ?? e.ReceivedAt) <= hold.To)))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.StreamSha256 })
            .ToListAsync(cancellationToken);
        return [.. items.Select(e => (e.Id, e.StreamSha256))];
    }

    public static string Describe(this LegalHold hold, int namedItems)
    {
        var scope = new List<string>();
        if (namedItems > 0)
        {
            scope.Add($"{namedItems} named items");
        }
        if (hold.CaseNumber is { } caseNumber)
        {
            scope.Add($"case {caseNumber}");
        }
        if (hold.OfficerId is { } officer)
        {
            scope.Add($"officer {officer} recordings {hold.From?.ToString("O") ?? "any time"} to {hold.To?.ToString("O") ?? "any time"}");
        }
        return $"legal hold {hold.Id}, matter '{hold.Matter}': {string.Join("; ", scope)}";
    }
}
