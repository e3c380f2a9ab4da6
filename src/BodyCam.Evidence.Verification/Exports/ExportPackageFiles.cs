using System.Net;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Verification.Exports;

/// <summary>
/// What an export package (a zip) holds, by file name, and the JSON of each file: camelCase, byte arrays as base64.
/// The clip is <see cref="Clip"/>; the package was made from evidence <see cref="ExportManifest.SourceEvidenceId"/>.
/// A package holds <see cref="Entries"/>, each once, at its top level, and nothing else; the bounds are the most a
/// verifier reads of each before it parses it, far above what a package of a real recording holds. <see cref="VerifyPage"/>
/// checks a package in a browser, offline: <see cref="OpenVerifyPage"/> is the page as built, <see cref="VerifyPageFor"/>
/// the page a package carries, showing the key of the log that made it.
/// </summary>
public static class ExportPackageFiles
{
    public const string Format = "BodyCam.Evidence export package v3";
    public const string Clip = "clip.mp4";
    public const string Manifest = "manifest.json";
    public const string Custody = "custody.json";
    public const string Proofs = "proofs.json";
    public const string Readme = "README.txt";
    public const string VerifyPage = "verify.html";

    public const long MaxManifestBytes = 1 << 20;
    public const long MaxReadmeBytes = 1 << 20;
    public const long MaxCustodyBytes = 256 << 20;
    public const long MaxProofsBytes = 256 << 20;
    public const long MaxVerifyPageBytes = 4 << 20;
    public const int MaxCustodyEvents = 100_000;

    /// <summary>An RFC 9162 inclusion proof has a hash per level of the tree, and a tree of a <c>long</c> size has 63.</summary>
    public const int MaxProofHashes = 63;

    public static readonly IReadOnlyList<string> Entries = [Clip, Manifest, Custody, Proofs, Readme, VerifyPage];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The page shows the key of the log it came with, the one attribute left empty in the page as built.</summary>
    private const string KeyAttribute = "data-log-key=\"\"";

    /// <summary>verify.html as built from the sources in Browser/, with no key in it.</summary>
    public static Stream OpenVerifyPage() =>
        typeof(ExportPackageFiles).Assembly.GetManifestResourceStream(VerifyPage)
        ?? throw new InvalidOperationException($"{VerifyPage} is not embedded in {typeof(ExportPackageFiles).Assembly.GetName().Name}.");

    /// <summary>verify.html as a package carries it: showing <paramref name="key"/>, which the person checking may replace.</summary>
    public static byte[] VerifyPageFor(NoteVerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var reader = new StreamReader(OpenVerifyPage(), Encoding.UTF8);
        var page = reader.ReadToEnd();
        var at = page.IndexOf(KeyAttribute, StringComparison.Ordinal);
        if (at < 0 || page.IndexOf(KeyAttribute, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"{VerifyPage} must hold {KeyAttribute} exactly once.");
        }
        var keyed = string.Concat(page.AsSpan(0, at), $"data-log-key=\"{WebUtility.HtmlEncode(key.ToString())}\"", page.AsSpan(at + KeyAttribute.Length));
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(keyed);
    }
}

/// <summary>A range of the recording, in seconds from its start.</summary>
public sealed record ClipRange(double StartSeconds, double EndSeconds);

/// <summary>
/// A part of the clip made unrecognisable, over <c>[StartSeconds, EndSeconds]</c> of the recording: <see cref="Blur"/>
/// blurs the rectangle <c>X, Y, Width, Height</c> (pixels of the recorded frame), <see cref="Mute"/> silences the audio.
/// </summary>
public sealed record ClipRedaction(string Kind, double StartSeconds, double EndSeconds, int? X = null, int? Y = null, int? Width = null, int? Height = null)
{
    public const string Blur = "blur";
    public const string Mute = "mute";

    /// <summary>Whether the redaction lies within the clip from <paramref name="startSeconds"/> to <paramref name="endSeconds"/> of the recording.</summary>
    public bool LiesWithin(double startSeconds, double endSeconds) => StartSeconds >= startSeconds && EndSeconds <= endSeconds;
}

public sealed record ClipApproval(string ApprovedBy, DateTimeOffset ApprovedAt, string Reason);

/// <summary>
/// <see cref="ActualRange"/> is what the clip holds: with stream copy it starts at the key frame at or before the
/// requested start. <see cref="RequestedRange"/> is the range asked for, or the one resolved from
/// <see cref="BookmarkId"/> when the board asked by bookmark. <see cref="Watermark"/> is the text drawn over the clip,
/// null for none. <see cref="FfmpegArguments"/> are exact, but for the two local paths, written <c>{source}</c> and
/// <c>{clip}</c>. <see cref="VerifyPageSha256"/> is that of the package's verify.html, so a page swapped for another fails.
/// </summary>
public sealed record ExportManifest(
    string Format,
    Guid ExportId,
    Guid RequestId,
    Guid SourceEvidenceId,
    string SourceSha256,
    long SourceBytes,
    string ClipFile,
    string ClipSha256,
    long ClipBytes,
    ClipRange RequestedRange,
    Guid? BookmarkId,
    ClipRange ActualRange,
    string Method,
    IReadOnlyList<ClipRedaction> Redactions,
    string? Watermark,
    string FfmpegVersion,
    IReadOnlyList<string> FfmpegArguments,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Purpose,
    IReadOnlyList<ClipApproval> Approvals,
    DateTimeOffset CreatedAt,
    string VerifyPageSha256);

/// <summary>The source item's custody events up to the package's checkpoint, each as the ledger hashed it.</summary>
public sealed record ExportCustody(Guid EvidenceId, IReadOnlyList<ExportCustodyEvent> Events);

public sealed record ExportCustodyEvent(
    long Index,
    DateTimeOffset Time,
    string ActorId,
    string ActorKind,
    string? ActorRole,
    string? ClientIp,
    string Action,
    string? ContentSha256,
    string? Reason,
    string Outcome,
    byte[] Entry,
    byte[] LeafHash);

/// <summary>One signed checkpoint, and the inclusion proof of each custody event against it.</summary>
public sealed record ExportProofs(string Checkpoint, long TreeSize, IReadOnlyList<ExportInclusionProof> Proofs);

public sealed record ExportInclusionProof(long Index, IReadOnlyList<byte[]> Hashes);
