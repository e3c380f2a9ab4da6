using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports.RequestClip;

/// <summary>
/// An oversight board asks for a clip of one item, for a stated purpose. Boards see no evidence themselves, so this is
/// not an item message: the board names the item it was told of, and only a supervisor or custodian decides.
/// </summary>
[RequiresRole(Roles.OversightBoard)]
public sealed record RequestClip(Guid EvidenceId, double StartSeconds, double EndSeconds, string Purpose, bool Accurate, bool WithRedactions)
    : ICommand<ClipRequestView>;

internal sealed class RequestClipHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RequestClip, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(RequestClip command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        if (item.Status != EvidenceStatus.Verified || item.Disposition is DispositionState.SoftDeleted or DispositionState.Purged)
        {
            throw new UnprocessableContentException($"Evidence {item.Id} is {item.Status} and {item.Disposition}: only verified, kept evidence is clipped.");
        }
        if (item.Media.DurationSeconds is not { } duration)
        {
            throw new UnprocessableContentException($"Evidence {item.Id} has no known media duration (probe: {item.ProbeStatus}); it cannot be clipped.");
        }
        if (command.EndSeconds > duration)
        {
            throw RequestValidationException.For(
                "endSeconds", string.Create(CultureInfo.InvariantCulture, $"The recording lasts {duration:0.###} s; the clip must end within it."));
        }

        var request = ClipRequest.Ask(
            item.Id, caller.Actor.Id, command.StartSeconds, command.EndSeconds, command.Purpose.Trim(), command.Accurate, clock.GetUtcNow());
        db.ClipRequests.Add(request);
        db.CustodyEvents.Record(
            CustodyAction.ClipRequested, caller.Actor, item.Id, item.StreamSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"clip request {request.Id}: {request.StartSeconds:0.###}–{request.EndSeconds:0.###} s, {(request.Accurate ? "frame-accurate" : "stream copy")}, purpose: {request.Purpose}"));
        return ClipRequestView.Of(request);
    }
}
