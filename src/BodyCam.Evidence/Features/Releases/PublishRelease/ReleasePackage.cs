using System.IO.Compression;
using System.Text;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>A released clip as the package shows it: its file, its export package, and the item it was cut from.</summary>
public sealed record ReleasedClip(int Number, ReleaseClipView Clip, string ClipFile, long ClipBytes, string ClipSha256, string ExportFile, string? SourceSha256);

/// <summary>
/// The public release package: a static folder an agency can put on any web server, stored under
/// <c>releases/{case}/</c>. Each clip is taken from its export package (the bytes the ledger's ClipCut event names,
/// checked against it), the export packages themselves are copied beside them for anyone to verify, with the
/// <c>verify.html</c> that checks one in a browser, offline, and <c>SHA256SUMS</c>, in <c>sha256sum</c>'s format,
/// lists every other file.
/// </summary>
internal sealed class ReleasePackage(IBlobStore store, Guid caseId, string workspace, NoteVerifierKey logKey)
{
    public const string Index = "index.html";
    public const string Sums = "SHA256SUMS";

    private readonly List<ReleaseFile> _files = [];

    public IReadOnlyList<ReleaseFile> Files => _files;

    public static string BlobNameOf(Guid caseId, string name) => $"releases/{caseId:N}/{name}";

    /// <summary>The package's file list is assembled here, in this order; a file every package carries is added here.</summary>
    public async Task WriteAsync(ReleaseCaseView view, IReadOnlyList<(ReleaseClipView Clip, EvidenceExport Export)> clips, CancellationToken cancellationToken)
    {
        var released = new List<ReleasedClip>();
        foreach (var (clip, export) in clips)
        {
            released.Add(await AddClipAsync(released.Count + 1, clip, export, view, cancellationToken));
        }
        await AddAsync(ExportPackageFiles.VerifyPage, "text/html; charset=utf-8", ExportPackageFiles.VerifyPageFor(logKey), cancellationToken);
        await AddAsync(Index, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(ReleaseIndexPage.Html(view, released)), cancellationToken);
        await AddAsync(Sums, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(string.Concat(_files.Select(f => $"{f.Sha256}  {f.Name}\n"))), cancellationToken);
    }

    private async Task<ReleasedClip> AddClipAsync(int number, ReleaseClipView clip, EvidenceExport export, ReleaseCaseView view, CancellationToken cancellationToken)
    {
        var exportFile = $"export-{number}.zip";
        var clipFile = $"clip-{number}.mp4";
        using (var package = await store.OpenLocalFileAsync(export.BlobName, cancellationToken))
        {
            await AddFileAsync(exportFile, "application/zip", package.Path, cancellationToken);
            await using var zip = await ZipFile.OpenReadAsync(package.Path, cancellationToken);
            var entry = zip.GetEntry(ExportPackageFiles.Clip) ?? throw new InvalidDataException($"Export {export.Id} has no {ExportPackageFiles.Clip}.");
            await entry.ExtractToFileAsync(Path.Combine(workspace, clipFile), cancellationToken);
        }
        var released = await AddFileAsync(clipFile, "video/mp4", Path.Combine(workspace, clipFile), cancellationToken);
        if (released.Sha256 != export.ClipSha256)
        {
            throw new InvalidDataException($"The clip in export {export.Id} hashes to {released.Sha256}, not the {export.ClipSha256} its ClipCut event records.");
        }
        var source = view.Items.SingleOrDefault(i => i.EvidenceId == clip.EvidenceId)?.SourceSha256;
        return new ReleasedClip(number, clip, clipFile, released.Bytes, released.Sha256, exportFile, source);
    }

    private async Task AddAsync(string name, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workspace, name);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        await AddFileAsync(name, contentType, path, cancellationToken);
    }

    private async Task<ReleaseFile> AddFileAsync(string name, string contentType, string path, CancellationToken cancellationToken)
    {
        var (sha256, bytes) = await FileDigest.Sha256Async(path, cancellationToken);
        var blobName = BlobNameOf(caseId, name);
        await store.UploadFileAsync(path, blobName, cancellationToken);
        var file = ReleaseFile.Of(caseId, name, blobName, contentType, bytes, sha256);
        _files.Add(file);
        return file;
    }
}
