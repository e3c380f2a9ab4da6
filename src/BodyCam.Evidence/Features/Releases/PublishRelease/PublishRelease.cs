using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Notes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A second custodian, never the approver, publishes an approved case: the public release package is written to the
/// store (<see cref="ReleasePackage"/>), its files recorded, and from then on served under <c>/public/releases/{id}/</c>
/// when <c>Public:Enabled</c> is set, and downloadable as a zip by custodians.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record PublishRelease(Guid CaseId) : ICommand<ReleaseCaseView>;

internal sealed class PublishReleaseHandler(EvidenceDb db, ICurrentActor caller, IBlobStore store, EvidenceSettings settings, NoteSigner signer, TimeProvider clock)
    : ICommandHandler<PublishRelease, ReleaseCaseView>
{
    public async ValueTask<ReleaseCaseView> Handle(PublishRelease command, CancellationToken cancellationToken)
    {
        var releaseCase = await db.FindReleaseCaseAsync(command.CaseId, cancellationToken);
        if (releaseCase.Status != ReleaseCaseStatus.Approved)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "publication", detail => new RefusedConflictException(detail),
                releaseCase.Status == ReleaseCaseStatus.Open ? "The case must be approved before it is published." : "The case is already published.",
                cancellationToken);
        }
        if (releaseCase.ApprovedBy == caller.Actor.Id)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "publication by its approver", detail => new ForbiddenException(detail),
                $"Publication needs a custodian other than {releaseCase.ApprovedBy}, who approved the case.", cancellationToken);
        }

        var now = clock.GetUtcNow();
        releaseCase.Publish(caller.Actor.Id, now, settings.Releases.TimeZone);
        var view = await db.LoadAsync(releaseCase, settings.Releases, now, cancellationToken);
        var exportIds = view.Clips.Select(c => c.ExportId).ToList();
        var exports = await db.EvidenceExports.Where(e => exportIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var workspace = Directory.CreateTempSubdirectory("bodycam-release-");
        IReadOnlyList<ReleaseFile> files;
        try
        {
            var package = new ReleasePackage(store, releaseCase.Id, workspace.FullName, signer.VerifierKey);
            await package.WriteAsync(view, [.. view.Clips.Select(c => (c, exports[c.ExportId!.Value]))], cancellationToken);
            files = package.Files;
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
        db.ReleaseFiles.AddRange(files);
        var sums = files.Single(f => f.Name == ReleasePackage.Sums);
        await db.RecordOnItemsAsync(
            releaseCase.Id, CustodyAction.ReleasePublished, caller.Actor,
            $"published, approved by {releaseCase.ApprovedBy}: {files.Count} files, {ReleasePackage.Sums} {sums.Sha256}, clips {string.Join(", ", view.Clips.Select(c => c.ClipSha256))}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.LoadAsync(releaseCase, settings.Releases, now, cancellationToken);
    }
}
