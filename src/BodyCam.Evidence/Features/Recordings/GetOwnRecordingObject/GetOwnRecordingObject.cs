using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>What the sending dock may read back of one object of its own recording: the metadata it was last stored with.</summary>
[RequiresRole(Roles.Dock)]
public sealed record GetOwnRecordingObject(string ContainerName, string ObjectName) : IQuery<IReadOnlyDictionary<string, string>>;

internal sealed class GetOwnRecordingObjectHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetOwnRecordingObject, IReadOnlyDictionary<string, string>>
{
    public async ValueTask<IReadOnlyDictionary<string, string>> Handle(GetOwnRecordingObject query, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(query.ContainerName, caller, cancellationToken);
        var stored = await db.RecordingObjects.AsNoTracking()
                .Where(o => o.RecordingId == recording.Id && o.Name == query.ObjectName)
                .OrderByDescending(o => o.StoredAt)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Recording '{query.ContainerName}' has no object '{query.ObjectName}'.");
        return stored.Metadata;
    }
}
