using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using BodyCam.Evidence.Features.Evidence.GetEvidenceCustody;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// Checks an export package with nothing but the log's key: the clip against the manifest, the custody events and
/// their inclusion proofs against the signed checkpoint (as <c>verify custody</c> checks a custody report), and that
/// the ledger recorded the manifest's source hash when the source was verified and the clip's hash when it was cut.
/// </summary>
internal static class ExportPackageCheck
{
    public sealed record Result(int ExitCode, string? Checkpoint);

    public static async Task<Result> VerifyAsync(
        string zipPath, NoteVerifierKey key, Func<Guid, CustodyReport, NoteVerifierKey, int> verifyCustody, CancellationToken cancellationToken)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = await ReadAsync<ExportManifest>(zip, ExportPackageFiles.Manifest, cancellationToken);
        var custody = await ReadAsync<ExportCustody>(zip, ExportPackageFiles.Custody, cancellationToken);
        var proofs = await ReadAsync<ExportProofs>(zip, ExportPackageFiles.Proofs, cancellationToken);
        Console.WriteLine($"export {manifest.ExportId}: clip request {manifest.RequestId} by {manifest.RequestedBy}, evidence {manifest.SourceEvidenceId}");

        var clip = zip.GetEntry(manifest.ClipFile) ?? throw new InvalidDataException($"the package has no {manifest.ClipFile}");
        string clipSha256;
        await using (var content = await clip.OpenAsync(cancellationToken))
        {
            clipSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        }
        if (clipSha256 != manifest.ClipSha256 || clip.Length != manifest.ClipBytes)
        {
            return Failed($"{manifest.ClipFile}: its SHA-256 is {clipSha256} ({clip.Length} bytes), but the manifest says {manifest.ClipSha256} ({manifest.ClipBytes} bytes)");
        }
        Console.WriteLine($"{manifest.ClipFile}: SHA-256 {clipSha256}, {clip.Length} bytes, as the manifest says");

        if (custody.EvidenceId != manifest.SourceEvidenceId)
        {
            return Failed($"{ExportPackageFiles.Custody} is the custody of {custody.EvidenceId}, not of the source {manifest.SourceEvidenceId}");
        }
        var proofOf = proofs.Proofs.ToDictionary(p => p.Index, p => p.Hashes);
        var report = new CustodyReport(custody.EvidenceId, proofs.Checkpoint, proofs.TreeSize, [.. custody.Events.Select(e => new CustodyReportEvent(
            e.Index, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, e.ContentSha256, e.Reason, e.Outcome, e.Entry, e.LeafHash,
            proofOf.GetValueOrDefault(e.Index)))]);
        var custodyResult = verifyCustody(manifest.SourceEvidenceId, report, key);
        if (custodyResult != 0)
        {
            return new Result(custodyResult, null);
        }

        var verified = custody.Events.Where(e => e.Action == "Verified").Select(e => e.ContentSha256).ToList();
        if (!verified.Contains(manifest.SourceSha256))
        {
            return Failed($"the manifest's source SHA-256 {manifest.SourceSha256} is not the hash the ledger recorded when the source was verified ({(verified.Count == 0 ? "no Verified event" : string.Join(", ", verified))})");
        }
        Console.WriteLine($"source SHA-256 {manifest.SourceSha256} is the one the ledger recorded when the recording was verified");
        if (!custody.Events.Any(e => e.Action == "ClipCut" && e.ContentSha256 == clipSha256 && e.Reason?.Contains(manifest.RequestId.ToString(), StringComparison.Ordinal) == true))
        {
            return Failed($"no ClipCut custody event of clip request {manifest.RequestId} records the clip's SHA-256 {clipSha256}");
        }
        Console.WriteLine($"the clip's SHA-256 is recorded in the ledger's ClipCut event of clip request {manifest.RequestId}");
        Console.WriteLine($"export {manifest.ExportId} verified");
        return new Result(0, proofs.Checkpoint);
    }

    private static Result Failed(string reason) => new(VerifyCommand.Fail(reason), null);

    private static async Task<T> ReadAsync<T>(ZipArchive zip, string name, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"the package has no {name}");
        await using var content = await entry.OpenAsync(cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(content, ExportPackageFiles.Json, cancellationToken)
                ?? throw new InvalidDataException($"{name} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name} does not read: {e.Message}");
        }
    }
}
