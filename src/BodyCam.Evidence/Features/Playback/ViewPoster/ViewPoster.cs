using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// The poster frame the probe made. It is a frame of the recording, so it is media: the same callers as playback,
/// and each request is a <c>PosterViewed</c> custody event, committed before the picture is sent. A reason is
/// recorded when given but not required, since lists show posters by the dozen.
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record ViewPoster(Guid EvidenceId, string? Reason) : ICommand<Poster>, IEvidenceItemMessage;

public sealed record Poster(string BlobName, string ContentType);

internal sealed class ViewPosterHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<ViewPoster, Poster>
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async ValueTask<Poster> Handle(ViewPoster command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        await db.EnsureViewableAsync(item.Id, item.Status, item.Disposition, caller, nameof(ViewPoster), cancellationToken);
        var blobName = item.PosterBlobName ?? throw new NotFoundException(item.ProbeStatus switch
        {
            ProbeStatus.Pending => $"Evidence {item.Id} has no poster yet: its media has not been probed.",
            ProbeStatus.Unreadable => $"Evidence {item.Id} has no poster: its media could not be read.",
            _ => $"Evidence {item.Id} has no poster: its media has no picture to take one from.",
        });
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        db.CustodyEvents.Record(
            CustodyAction.PosterViewed, caller.Actor, item.Id, item.StreamSha256,
            reason: $"poster {blobName}" + (reason is null ? "" : $"; reason: {reason}"));
        return new Poster(blobName, ContentTypes.TryGetContentType(blobName, out var contentType) ? contentType : "application/octet-stream");
    }
}
