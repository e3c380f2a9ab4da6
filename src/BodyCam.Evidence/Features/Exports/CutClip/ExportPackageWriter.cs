using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Features.Evidence.GetEvidenceCustody;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Features.Exports.CutClip;

/// <summary>Writes the zip a board downloads: the clip, its manifest, the source's custody with proofs, and a README.</summary>
internal static class ExportPackageWriter
{
    public static async Task WriteAsync(string zipPath, string clipPath, ExportManifest manifest, CustodyReport custody, CancellationToken cancellationToken)
    {
        var treeSize = custody.CheckpointTreeSize ?? throw new InvalidOperationException("An export package needs a checkpoint.");
        var covered = custody.Events.Where(e => e.Index < treeSize).ToList();
        await using var file = File.Create(zipPath);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        await AddClipAsync(zip, clipPath, cancellationToken);
        await WriteJsonAsync(zip, ExportPackageFiles.Manifest, manifest, cancellationToken);
        await WriteJsonAsync(zip, ExportPackageFiles.Custody, new ExportCustody(custody.EvidenceId, [.. covered.Select(e => new ExportCustodyEvent(
            e.Index, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, e.ContentSha256, e.Reason, e.Outcome, e.Entry, e.LeafHash))]), cancellationToken);
        await WriteJsonAsync(zip, ExportPackageFiles.Proofs, new ExportProofs(
            custody.Checkpoint!, treeSize, [.. covered.Select(e => new ExportInclusionProof(e.Index, e.InclusionProof!))]), cancellationToken);
        await WriteTextAsync(zip, ExportPackageFiles.Readme, Readme(manifest, covered.Count, treeSize), cancellationToken);
    }

    /// <summary>Video does not compress: storing it keeps packaging at the speed of a copy.</summary>
    public static async Task AddClipAsync(ZipArchive zip, string clipPath, CancellationToken cancellationToken) =>
        await zip.CreateEntryFromFileAsync(clipPath, ExportPackageFiles.Clip, CompressionLevel.NoCompression, cancellationToken);

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T content, CancellationToken cancellationToken) =>
        await WriteTextAsync(zip, name, JsonSerializer.Serialize(content, ExportPackageFiles.Json), cancellationToken);

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await entry.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    private static string FromBookmark(ExportManifest manifest) => manifest.BookmarkId is { } bookmark ? $", around bookmark {bookmark}" : "";

    private static string Watermark(ExportManifest manifest) => manifest.Watermark is null
        ? ""
        : $"\nEvery frame of the clip shows the words \"{manifest.Watermark}\", so that a copy passed on shows whom it was released to.";

    private static string Redactions(ExportManifest manifest) => manifest.Redactions.Count == 0
        ? "Nothing in it is redacted."
        : "Parts of it are redacted on purpose (the ffmpeg command in the manifest shows how):" + string.Concat(manifest.Redactions.Select(r =>
            r.Kind == ClipRedaction.Mute
                ? string.Create(CultureInfo.InvariantCulture, $"\n    - the sound is silenced from second {r.StartSeconds:0.###} to {r.EndSeconds:0.###} of the recording")
                : string.Create(CultureInfo.InvariantCulture, $"\n    - a {r.Width}×{r.Height} pixel area at {r.X},{r.Y} (from the frame's top left) is blurred from second {r.StartSeconds:0.###} to {r.EndSeconds:0.###}")));

    private static string Readme(ExportManifest manifest, int events, long treeSize) => string.Create(CultureInfo.InvariantCulture, $"""
        BodyCam.Evidence export package
        ===============================

        This package holds a clip of body-worn camera evidence {manifest.SourceEvidenceId},
        made for {manifest.RequestedBy} on request {manifest.RequestId} ("{manifest.Purpose}"),
        approved by {string.Join(" and ", manifest.Approvals.Select(a => a.ApprovedBy))}.{Watermark(manifest)}

        What is in it
        - {ExportPackageFiles.Clip}: the clip, seconds {manifest.ActualRange.StartSeconds:0.###} to {manifest.ActualRange.EndSeconds:0.###} of the recording
          (asked for: {manifest.RequestedRange.StartSeconds:0.###} to {manifest.RequestedRange.EndSeconds:0.###}{FromBookmark(manifest)}; {manifest.Method}).
          Its SHA-256 is {manifest.ClipSha256}.
          {Redactions(manifest)}
        - {ExportPackageFiles.Manifest}: where the clip came from: the original recording's SHA-256 and size, the exact
          ffmpeg command that cut it, who asked and who approved.
        - {ExportPackageFiles.Custody}: the original recording's chain of custody, {events} events, each exactly as it was
          written into the agency's tamper-evident custody log.
        - {ExportPackageFiles.Proofs}: a checkpoint of that log ({treeSize} entries), signed with the log's key, and for
          each custody event a proof that the signed log contains it.

        How to check it
        Get the custody log's public verifier key from the agency (not from this package), then run:

            bodycam verify export <this zip file> --key "<verifier key>"

        The check passes only if the clip is the one the manifest describes, every custody event is in the
        signed log unchanged, the checkpoint carries the log's signature, and the original recording's hash in
        the manifest is the one the log recorded when the recording was received and verified. Any change to
        any file in this package makes the check fail and say what broke.
        """);
}
