using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

public sealed record RecordMediaProbe(Guid EvidenceId, MediaProbeResult Result, string? PosterBlobName) : ICommand;

internal sealed class RecordMediaProbeHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<RecordMediaProbe>
{
    public async ValueTask<Unit> Handle(RecordMediaProbe command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == command.EvidenceId, cancellationToken);
        if (item.ProbeStatus != ProbeStatus.Pending)
        {
            return Unit.Value;
        }
        switch (command.Result)
        {
            case MediaProbeResult.Readable readable:
                item.RecordMedia(readable.Facts, command.PosterBlobName);
                db.CustodyEvents.Record(
                    CustodyAction.MediaProbed, caller.Actor, item.Id, item.StreamSha256,
                    reason: $"read by ffprobe: {readable.Facts.Container}, {readable.Facts.DurationSeconds:0.###} s"
                        + (command.PosterBlobName is null ? "" : ", poster made"));
                break;
            case MediaProbeResult.Unreadable unreadable:
                item.RecordUnreadableMedia(unreadable.Reason);
                db.CustodyEvents.Record(
                    CustodyAction.MediaProbed, caller.Actor, item.Id, item.StreamSha256,
                    reason: $"ffprobe cannot read it: {unreadable.Reason}", outcome: CustodyOutcome.Failed);
                break;
        }
        return Unit.Value;
    }
}
