using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>What the retention sweep found due: the custodians' work list, oldest retention end first.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetEligibleForDisposition(int Limit) : IQuery<IReadOnlyList<EligibleItem>>;

public sealed record EligibleItem(Guid EvidenceId, string Sha256, long Bytes, string FileName, string? OfficerId, DateTimeOffset? RecordedStart, DateTimeOffset RetainUntil, bool RetainedByDefault);

internal sealed class GetEligibleForDispositionHandler(EvidenceDb db) : IQueryHandler<GetEligibleForDisposition, IReadOnlyList<EligibleItem>>
{
    public async ValueTask<IReadOnlyList<EligibleItem>> Handle(GetEligibleForDisposition query, CancellationToken cancellationToken) =>
        await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Disposition == DispositionState.EligibleForDisposition)
            .OrderBy(e => e.RetainUntil).ThenBy(e => e.Id)
            .Take(query.Limit)
            .Select(e => new EligibleItem(e.Id, e.StreamSha256, e.Bytes, e.Recording.FileName, e.Recording.OfficerId, e.Recording.RecordedStart, e.RetainUntil!.Value, e.RetainedByDefault))
            .ToListAsync(cancellationToken);
}
