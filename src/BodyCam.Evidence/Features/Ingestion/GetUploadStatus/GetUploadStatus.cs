using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// What a dock asks before wiping a camera. Status is Receiving, Received, Verified or Quarantined; only
/// Verified means the server has read back exactly the bytes it received.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record GetUploadStatus(string UploadId) : IQuery<UploadStatusReport>;

public sealed record UploadStatusReport(string UploadId, Guid EvidenceId, string Status, string? Sha256, long Bytes);

internal sealed class GetUploadStatusHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetUploadStatus, UploadStatusReport>
{
    public async ValueTask<UploadStatusReport> Handle(GetUploadStatus query, CancellationToken cancellationToken)
    {
        var upload = await db.FindOwnUploadAsync(query.UploadId, caller, cancellationToken);
        if (upload.Status != UploadStatus.Completed)
        {
            return new UploadStatusReport(upload.Id, upload.EvidenceId, "Receiving", null, upload.Offset);
        }
        var item = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == upload.EvidenceId, cancellationToken);
        return new UploadStatusReport(upload.Id, item.Id, item.Status.ToString(), item.StreamSha256, item.Bytes);
    }
}
