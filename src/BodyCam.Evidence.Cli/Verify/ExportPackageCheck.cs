using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// Checks an export package with nothing but the log's key: that it holds its six files and nothing else, each within
/// its bounds; the custody events and their inclusion proofs against the signed checkpoint (as <c>verify custody</c>
/// checks a custody report); that the ledger's ClipCut event commits to the manifest's SHA-256 and the clip's; that the
/// manifest's requester, approvers and reasons are those of the request's own custody events; that the ledger recorded
/// the manifest's source hash when the source was verified; the clip against the manifest; and the README as the text
/// the manifest gives; and the browser page the package carries as the one the manifest records.
/// </summary>
internal static class ExportPackageCheck
{
    /// <summary>The arrays a package's JSON may make long, counted before anything is deserialised.</summary>
    private static readonly Dictionary<string, (int Max, string What)> CustodyBounds = new(StringComparer.Ordinal)
    {
        ["events"] = (ExportPackageFiles.MaxCustodyEvents, "events"),
    };

    private static readonly Dictionary<string, (int Max, string What)> ProofsBounds = new(StringComparer.Ordinal)
    {
        ["proofs"] = (ExportPackageFiles.MaxCustodyEvents, "proofs"),
        ["hashes"] = (ExportPackageFiles.MaxProofHashes, "hashes in a proof"),
    };

    /// <summary>
    /// Every property present, named exactly, none unknown or given twice: what the writer wrote, and only that. Exact
    /// names also keep the bounds above from being passed by a property named in another case.
    /// </summary>
    private static readonly JsonSerializerOptions Strict = new(ExportPackageFiles.Json)
    {
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public sealed record Result(int ExitCode, string? Checkpoint);

    public static async Task<Result> VerifyAsync(
        string zipPath, NoteVerifierKey key, Func<Guid, CustodyReport, NoteVerifierKey, int> verifyCustody, CancellationToken cancellationToken)
    {
        using var zip = OpenZip(zipPath);
        var entries = ExportPackageEntries.Of(zip);
        var manifestJson = await entries.ReadAsync(ExportPackageFiles.Manifest, ExportPackageFiles.MaxManifestBytes, cancellationToken);
        var format = Parse<PackageFormat>(manifestJson, ExportPackageFiles.Manifest, ExportPackageFiles.Json).Format;
        if (format != ExportPackageFiles.Format)
        {
            throw new VerifyStoppedException($"{ExportPackageFiles.Manifest} says the package is a '{format}'; this verifier checks a '{ExportPackageFiles.Format}'");
        }
        var manifest = Parse<ExportManifest>(manifestJson, ExportPackageFiles.Manifest, Strict);
        var custody = Parse<ExportCustody>(
            await entries.ReadAsync(ExportPackageFiles.Custody, ExportPackageFiles.MaxCustodyBytes, cancellationToken), ExportPackageFiles.Custody, Strict, CustodyBounds);
        var proofs = Parse<ExportProofs>(
            await entries.ReadAsync(ExportPackageFiles.Proofs, ExportPackageFiles.MaxProofsBytes, cancellationToken), ExportPackageFiles.Proofs, Strict, ProofsBounds);
        Console.WriteLine($"export {manifest.ExportId}: clip request {manifest.RequestId} by {manifest.RequestedBy}, evidence {manifest.SourceEvidenceId}");

        if (custody.EvidenceId != manifest.SourceEvidenceId)
        {
            return Failed($"{ExportPackageFiles.Custody} is the custody of {custody.EvidenceId}, not of the source {manifest.SourceEvidenceId}");
        }
        if (OutOfOrder(custody.Events.Select(e => e.Index)) is { } eventIndex)
        {
            return Failed($"{ExportPackageFiles.Custody} lists event {eventIndex} again or out of ledger order");
        }
        if (OutOfOrder(proofs.Proofs.Select(p => p.Index)) is { } proofIndex)
        {
            return Failed($"{ExportPackageFiles.Proofs} lists the proof of {proofIndex} again or out of ledger order");
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
        // Its signature and origin hold by now; the size proofs.json states beside it is what the README repeats.
        var checkpoint = Checkpoint.Verify(proofs.Checkpoint, key);
        if (proofs.TreeSize != checkpoint.TreeSize)
        {
            return Failed($"{ExportPackageFiles.Proofs} gives the checkpoint's size as {proofs.TreeSize}, but the signed checkpoint says {checkpoint.TreeSize}");
        }

        // From here on the custody events are the ledger's own, each proven against the signed checkpoint.
        var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestJson));
        var cut = custody.Events.FirstOrDefault(e => e.Action == "ClipCut"
            && e.Reason?.StartsWith($"clip request {manifest.RequestId}:", StringComparison.Ordinal) == true
            && e.Reason.EndsWith($", manifest {manifestSha256}", StringComparison.Ordinal));
        if (cut is null)
        {
            return Failed($"{ExportPackageFiles.Manifest} has SHA-256 {manifestSha256}, which no ClipCut custody event of clip request {manifest.RequestId} commits to: it is not the manifest written when the clip was cut");
        }
        if (cut.ContentSha256 != manifest.ClipSha256)
        {
            return Failed($"the ClipCut custody event {cut.Index} records the clip's SHA-256 {cut.ContentSha256}, but the manifest says {manifest.ClipSha256}");
        }
        Console.WriteLine($"{ExportPackageFiles.Manifest}: SHA-256 {manifestSha256}, committed to by the ledger's ClipCut event {cut.Index} of clip request {manifest.RequestId}");
        if (ClaimsProblem(manifest, custody.Events) is { } claims)
        {
            return Failed(claims);
        }
        Console.WriteLine("the requester, purpose, approvers and their reasons are those of the request's custody events");

        var verified = custody.Events.Where(e => e.Action == "Verified").Select(e => e.ContentSha256).ToList();
        if (!verified.Contains(manifest.SourceSha256))
        {
            return Failed($"the manifest's source SHA-256 {manifest.SourceSha256} is not the hash the ledger recorded when the source was verified ({(verified.Count == 0 ? "no Verified event" : string.Join(", ", verified))})");
        }
        Console.WriteLine($"source SHA-256 {manifest.SourceSha256} is the one the ledger recorded when the recording was verified");

        if (manifest.ClipFile != ExportPackageFiles.Clip || entries.Length(ExportPackageFiles.Clip) != manifest.ClipBytes)
        {
            return Failed(string.Create(CultureInfo.InvariantCulture,
                $"{ExportPackageFiles.Clip} is {entries.Length(ExportPackageFiles.Clip)} bytes, but the manifest says its clip '{manifest.ClipFile}' is {manifest.ClipBytes}"));
        }
        var clipSha256 = await entries.Sha256Async(ExportPackageFiles.Clip, cancellationToken);
        if (clipSha256 != manifest.ClipSha256)
        {
            return Failed($"{ExportPackageFiles.Clip}: its SHA-256 is {clipSha256} ({manifest.ClipBytes} bytes), but the manifest says {manifest.ClipSha256}");
        }
        Console.WriteLine($"{ExportPackageFiles.Clip}: SHA-256 {clipSha256}, {manifest.ClipBytes} bytes, as the manifest says");

        var readme = await entries.ReadAsync(ExportPackageFiles.Readme, ExportPackageFiles.MaxReadmeBytes, cancellationToken);
        if (!readme.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(ExportPackageReadme.Text(manifest, custody.Events.Count, proofs.TreeSize))))
        {
            return Failed($"{ExportPackageFiles.Readme} is not the text the manifest gives, so it says what the ledger has not bound");
        }
        Console.WriteLine($"{ExportPackageFiles.Readme} is the text the manifest gives");

        var verifyPageSha256 = Convert.ToHexStringLower(SHA256.HashData(
            await entries.ReadAsync(ExportPackageFiles.VerifyPage, ExportPackageFiles.MaxVerifyPageBytes, cancellationToken)));
        if (verifyPageSha256 != manifest.VerifyPageSha256)
        {
            return Failed($"{ExportPackageFiles.VerifyPage} has SHA-256 {verifyPageSha256}, but the manifest records {manifest.VerifyPageSha256}: it is not the page the package was made with");
        }
        Console.WriteLine($"{ExportPackageFiles.VerifyPage}: SHA-256 {verifyPageSha256}, as the manifest records");
        Console.WriteLine($"export {manifest.ExportId} verified");
        return new Result(0, proofs.Checkpoint);
    }

    /// <summary>
    /// The manifest's requester and purpose must be those of the request's ClipRequested event (recorded as
    /// <c>clip request {id}: …, purpose: {purpose}</c>, by the requester), and its approvals those of the request's
    /// ClipRequestApproved events, in order (<c>clip request {id} by {requester} approved…: {reason}</c>, by the approver).
    /// </summary>
    private static string? ClaimsProblem(ExportManifest manifest, IReadOnlyList<ExportCustodyEvent> events)
    {
        var requests = events.Where(e => e.Action == "ClipRequested" && e.Reason?.StartsWith($"clip request {manifest.RequestId}:", StringComparison.Ordinal) == true).ToList();
        if (requests is not [var request])
        {
            return $"the custody holds {requests.Count} ClipRequested events of clip request {manifest.RequestId}, not one";
        }
        if (request.ActorId != manifest.RequestedBy)
        {
            return $"the manifest says {manifest.RequestedBy} asked for the clip, but the request's custody event {request.Index} records {request.ActorId}";
        }
        if (!request.Reason!.EndsWith($", purpose: {manifest.Purpose}", StringComparison.Ordinal))
        {
            return $"the manifest's purpose \"{manifest.Purpose}\" is not the one the request's custody event {request.Index} records: {request.Reason}";
        }
        var approved = $"clip request {manifest.RequestId} by {manifest.RequestedBy} approved";
        var approvals = events.Where(e => e.Action == "ClipRequestApproved" && e.Reason?.StartsWith(approved, StringComparison.Ordinal) == true).ToList();
        if (approvals.Count != manifest.Approvals.Count)
        {
            return $"the manifest says {Approvers(manifest.Approvals.Select(a => a.ApprovedBy))} approved the request, but its custody events record "
                + (approvals.Count == 0 ? "no approval" : $"approval by {Approvers(approvals.Select(a => a.ActorId))}");
        }
        foreach (var (claimed, recorded) in manifest.Approvals.Zip(approvals))
        {
            if (recorded.ActorId != claimed.ApprovedBy || !ApprovesWith(recorded.Reason!, approved, claimed.Reason))
            {
                return $"the manifest's approval by {claimed.ApprovedBy} (\"{claimed.Reason}\") is not the request's custody event {recorded.Index}: {recorded.ActorId}, {recorded.Reason}";
            }
        }
        return null;
    }

    private static string Approvers(IEnumerable<string> approvers) => approvers.Any() ? string.Join(" and ", approvers) : "nobody";

    /// <summary>Between the approval's opening and its reason the event may say which approval it is (", first of two approvals"), but no more.</summary>
    private static bool ApprovesWith(string recorded, string opening, string reason)
    {
        var closing = ": " + reason;
        if (recorded.Length < opening.Length + closing.Length || !recorded.EndsWith(closing, StringComparison.Ordinal))
        {
            return false;
        }
        var between = recorded[opening.Length..^closing.Length];
        return between.Length == 0 || (between.StartsWith(", ", StringComparison.Ordinal) && !between.Contains(':', StringComparison.Ordinal));
    }

    private static long? OutOfOrder(IEnumerable<long> indexes)
    {
        long? previous = null;
        foreach (var index in indexes)
        {
            if (index <= previous)
            {
                return index;
            }
            previous = index;
        }
        return null;
    }

    private static Result Failed(string reason) => new(VerifyCommand.Fail(reason), null);

    private static ZipArchive OpenZip(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the package is not a zip that reads: {e.Message}");
        }
    }

    private static T Parse<T>(byte[] json, string name, JsonSerializerOptions options, IReadOnlyDictionary<string, (int Max, string What)>? bounds = null)
    {
        try
        {
            if (bounds is not null)
            {
                CheckCounts(json, name, bounds);
            }
            return JsonSerializer.Deserialize<T>(json, options) ?? throw new InvalidDataException($"{name} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name} does not read: {e.Message}");
        }
    }

    /// <summary>
    /// Counts the elements of the arrays <paramref name="bounds"/> names, reading tokens only: deserialised, a few bytes
    /// of JSON per element could make millions of objects.
    /// </summary>
    private static void CheckCounts(byte[] json, string name, IReadOnlyDictionary<string, (int Max, string What)> bounds)
    {
        var reader = new Utf8JsonReader(json);
        var containers = new Stack<BoundedArray?>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }
            if (containers.TryPeek(out var array) && array is not null && ++array.Count > array.Max)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} lists more than {array.Max:N0} {array.What}, the most a package may hold"));
            }
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                containers.Push(reader.TokenType == JsonTokenType.StartArray && property is not null && bounds.TryGetValue(property, out var bound)
                    ? new BoundedArray(bound.Max, bound.What)
                    : null);
            }
            property = null;
        }
    }

    private sealed class BoundedArray(int max, string what)
    {
        public int Max { get; } = max;
        public string What { get; } = what;
        public int Count { get; set; }
    }

    private sealed record PackageFormat(string? Format);
}
