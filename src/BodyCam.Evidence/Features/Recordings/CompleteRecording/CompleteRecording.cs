using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

public enum RecordingSafety
{
    /// <summary>Every segment was read back from the store and matches what was received: the system may let the camera's copy go.</summary>
    Verified,

    /// <summary>A segment is still waiting for its verify job; ask again.</summary>
    Verifying,

    /// <summary>A segment was quarantined: the system must keep its copy.</summary>
    Quarantined,
}

/// <summary>
/// The body worn system has sent all of a recording, with its last facts. Recorded once; asking again only
/// reports whether its segments are verified yet, because a system that hears "done" may wipe the camera's copy.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record CompleteRecording(string ContainerName, IReadOnlyDictionary<string, string> Metadata) : ICommand<RecordingSafety>;

internal sealed class CompleteRecordingHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock, ItemRetention retention) : ICommandHandler<CompleteRecording, RecordingSafety>
{
    public async ValueTask<RecordingSafety> Handle(CompleteRecording command, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(command.ContainerName, caller, cancellationToken);
        var segments = await db.EvidenceItems.Where(e => e.RecordingId == recording.Id).Select(e => new { e.Id, e.Status }).ToListAsync(cancellationToken);
        if (recording.Status != RecordingStatus.Complete)
        {
            var now = clock.GetUtcNow();
            recording.MergeMetadata(command.Metadata);
            recording.Complete(now);
            db.CustodyEvents.Record(
                CustodyAction.RecordingCompleted, caller.Actor, reason: $"{segments.Count} clip(s) received" + RecordingCustody.Sender(recording));
            // A bookmark and a segment stored at the same moment each miss the other; once complete, every segment carries every camera category.
            await db.ChangeAsync(
                [.. segments.Select(c => c.Id)], ItemCategories.Adding(await db.CameraCategoriesAsync(recording.Id, cancellationToken)), caller.Actor, now,
                "from the recording's bookmarks" + RecordingCustody.Sender(recording), retention, cancellationToken);
        }
        var statuses = segments.Select(c => c.Status).ToList();
        return statuses switch
        {
            _ when statuses.Contains(EvidenceStatus.Quarantined) => RecordingSafety.Quarantined,
            _ when statuses.Contains(EvidenceStatus.Received) => RecordingSafety.Verifying,
            _ => RecordingSafety.Verified,
        };
    }
}
