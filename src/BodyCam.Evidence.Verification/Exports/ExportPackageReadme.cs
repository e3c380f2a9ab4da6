using System.Globalization;

namespace BodyCam.Evidence.Verification.Exports;

/// <summary>
/// The plain-language README.txt of a package, derived from its manifest and the size of its custody and checkpoint:
/// a verifier derives it again and requires the same bytes, so the README says nothing the ledger has not bound.
/// </summary>
public static class ExportPackageReadme
{
    public static string Text(ExportManifest manifest, int custodyEvents, long checkpointTreeSize)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return string.Create(CultureInfo.InvariantCulture, $"""
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
            - {ExportPackageFiles.Custody}: the original recording's chain of custody, {custodyEvents} events, each exactly as it was
              written into the agency's tamper-evident custody log.
            - {ExportPackageFiles.Proofs}: a checkpoint of that log ({checkpointTreeSize} entries), signed with the log's key, and for
              each custody event a proof that the signed log contains it.
            - {ExportPackageFiles.Readme}: this text, which the check derives again from the manifest.
            - {ExportPackageFiles.VerifyPage}: a page that does the same check in a web browser, offline: open it, give it the log's key,
              and drop this zip onto it. The manifest records its SHA-256, so a page swapped for another fails the check.

            How to check it
            Get the custody log's public verifier key from the agency (not from this package), then run:

                bodycam verify export <this zip file> --key "<verifier key>"

            or open {ExportPackageFiles.VerifyPage} in a web browser, paste the key, and choose this zip file.

            The check passes only if the package holds these six files and nothing else, the clip is the one the
            manifest describes, every custody event is in the signed log unchanged, the checkpoint carries the log's
            signature, the log's record of the cut commits to this very manifest, the requester, approvers and
            reasons in the manifest are those of the request's own custody events, and the original recording's
            hash in the manifest is the one the log recorded when the recording was received and verified. Any
            change to any file in this package makes the check fail and say what broke.
            """);
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
}
