using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Which items' media may be looked at, beyond role and scope: anything not disposed of; a quarantined item only by
/// a custodian, whose bytes are not proven to be what the camera recorded and who views them to investigate. A
/// received item not yet verified plays (verification follows within seconds; an officer may need it at once).
/// </summary>
internal static class MediaAccess
{
    public static async Task EnsureViewableAsync(
        this EvidenceDb db, Guid evidenceId, EvidenceStatus status, DispositionState disposition, ICurrentActor caller, string messageName, CancellationToken cancellationToken)
    {
        switch (disposition)
        {
            case DispositionState.Purged:
                throw new GoneException($"Evidence {evidenceId} was destroyed after disposition; its media no longer exists.");
            case DispositionState.SoftDeleted:
                throw new ConflictException($"Evidence {evidenceId} is disposed of, awaiting its purge; a custodian must restore it before it can be viewed.");
        }
        if (status == EvidenceStatus.Quarantined && !caller.IsInRole(Roles.Custodian))
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{messageName} of a quarantined item requires Custodian",
                "This item is quarantined: only a custodian may view it, to investigate.", evidenceId, cancellationToken);
        }
    }
}
