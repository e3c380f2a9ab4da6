using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>Where an upload stands: what a sender needs to resume it.</summary>
[RequiresRole(Roles.Dock)]
public sealed record GetUploadOffset(string UploadId) : IQuery<UploadDescription>;

public sealed record UploadDescription(string UploadId, long Offset, long? Length, string? MetadataHeader, DateTimeOffset ExpiresAt);

internal sealed class GetUploadOffsetHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetUploadOffset, UploadDescription>
{
    public async ValueTask<UploadDescription> Handle(GetUploadOffset query, CancellationToken cancellationToken)
    {
        var upload = await db.FindOwnUploadAsync(query.UploadId, caller, cancellationToken);
        return new UploadDescription(upload.Id, upload.Offset, upload.Length, upload.MetadataHeader, upload.ExpiresAt);
    }
}
