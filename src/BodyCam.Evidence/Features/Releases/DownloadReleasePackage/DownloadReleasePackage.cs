using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>A custodian takes a published release's folder as one zip, to put on any web server; each download is recorded.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record DownloadReleasePackage(Guid CaseId) : ICommand<ReleasePackageDownload>;

public sealed record ReleasePackageDownload(string FileName, IReadOnlyList<ReleaseFile> Files);

internal sealed class DownloadReleasePackageHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<DownloadReleasePackage, ReleasePackageDownload>
{
    public async ValueTask<ReleasePackageDownload> Handle(DownloadReleasePackage command, CancellationToken cancellationToken)
    {
        var releaseCase = await db.FindReleaseCaseAsync(command.CaseId, cancellationToken);
        if (releaseCase.Status != ReleaseCaseStatus.Published)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "package download", detail => new RefusedConflictException(detail),
                "The case is not published: it has no release package yet.", cancellationToken);
        }
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.CaseId == releaseCase.Id).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        await db.RecordOnItemsAsync(
            releaseCase.Id, CustodyAction.ReleasePackageDownloaded, caller.Actor, $"release package of {files.Count} files downloaded", cancellationToken);
        return new ReleasePackageDownload($"release-{releaseCase.Id:N}.zip", files);
    }
}
