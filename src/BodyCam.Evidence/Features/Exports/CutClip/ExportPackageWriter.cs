using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// Writes the zip a board downloads: the clip, its manifest, the source's custody with proofs, a README, and the page
/// that checks it in a browser (verify.html, whose SHA-256 the manifest records).
/// </summary>
internal static class ExportPackageWriter
{
    /// <summary>The manifest's bytes in the package: the ledger commits to their SHA-256 before the package is made.</summary>
    public static byte[] ManifestJson(ExportManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, ExportPackageFiles.Json);

    public static async Task WriteAsync(
        string zipPath, string clipPath, ExportManifest manifest, CustodyReport custody, byte[] verifyPage, CancellationToken cancellationToken)
    {
        var treeSize = custody.CheckpointTreeSize ?? throw new InvalidOperationException("An export package needs a checkpoint.");
        var covered = custody.Events.Where(e => e.Index < treeSize).ToList();
        await using var file = File.Create(zipPath);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        await AddClipAsync(zip, clipPath, cancellationToken);
        await WriteAsync(zip, ExportPackageFiles.Manifest, ManifestJson(manifest), cancellationToken);
        await WriteJsonAsync(zip, ExportPackageFiles.Custody, new ExportCustody(custody.EvidenceId, [.. covered.Select(e => new ExportCustodyEvent(
            e.Index, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, e.ContentSha256, e.Reason, e.Outcome, e.Entry, e.LeafHash))]), cancellationToken);
        await WriteJsonAsync(zip, ExportPackageFiles.Proofs, new ExportProofs(
            custody.Checkpoint!, treeSize, [.. covered.Select(e => new ExportInclusionProof(e.Index, e.InclusionProof!))]), cancellationToken);
        await WriteAsync(zip, ExportPackageFiles.Readme, Encoding.UTF8.GetBytes(ExportPackageReadme.Text(manifest, covered.Count, treeSize)), cancellationToken);
        await WriteAsync(zip, ExportPackageFiles.VerifyPage, verifyPage, cancellationToken);
    }

    /// <summary>Video does not compress: storing it keeps packaging at the speed of a copy.</summary>
    public static async Task AddClipAsync(ZipArchive zip, string clipPath, CancellationToken cancellationToken) =>
        await zip.CreateEntryFromFileAsync(clipPath, ExportPackageFiles.Clip, CompressionLevel.NoCompression, cancellationToken);

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T content, CancellationToken cancellationToken) =>
        await WriteAsync(zip, name, JsonSerializer.SerializeToUtf8Bytes(content, ExportPackageFiles.Json), cancellationToken);

    private static async Task WriteAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await entry.WriteAsync(content, cancellationToken);
    }
}
