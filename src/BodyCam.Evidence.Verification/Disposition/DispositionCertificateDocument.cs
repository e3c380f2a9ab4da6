using System.Text.Json;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Verification.Disposition;

/// <summary>One destroyed item: its tombstone facts, who asked and who approved, and the ledger index and leaf hash of its purge event.</summary>
public sealed record DestroyedItem(
    Guid EvidenceId,
    string Sha256,
    long Bytes,
    string FileName,
    string? OfficerId,
    DateTimeOffset? RecordedStart,
    DateTimeOffset? RecordedEnd,
    IReadOnlyList<string> Categories,
    Guid RequestId,
    string RequestedBy,
    string RequestReason,
    DateTimeOffset RequestedAt,
    string ApprovedBy,
    DateTimeOffset ApprovedAt,
    DateTimeOffset PurgedAt,
    long PurgeEventIndex,
    string PurgeEventLeafHash);

/// <summary>
/// A disposition certificate is a signed note (c2sp.org/signed-note, the ledger's key) whose text is the line
/// <see cref="Header"/> and one line of JSON: this record, camelCase. Anyone holding the ledger's verifier key can
/// check it, and check each purge event against the log.
/// </summary>
public sealed record DispositionCertificateDocument(Guid CertificateId, string Log, DateTimeOffset IssuedAt, IReadOnlyList<DestroyedItem> Items)
{
    public const string Header = "BodyCam.Evidence disposition certificate v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToNoteText() => $"{Header}\n{JsonSerializer.Serialize(this, Json)}\n";

    /// <summary>The certificate in a signed note, if the note is signed by <paramref name="key"/> and reads as one; otherwise why not.</summary>
    public static (DispositionCertificateDocument? Certificate, string? Problem) Verify(string signedNote, NoteVerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SignedNote note;
        try
        {
            note = SignedNote.Parse(signedNote);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
        if (!note.IsSignedBy(key))
        {
            return (null, $"not signed by {key.Name}: the certificate was altered or signed with another key");
        }
        var lines = note.Text.Split('\n');
        if (lines.Length != 3 || lines[0] != Header || lines[2].Length != 0)
        {
            return (null, $"the signed text is not a disposition certificate (first line '{lines[0]}')");
        }
        try
        {
            return JsonSerializer.Deserialize<DispositionCertificateDocument>(lines[1], Json) is { Items: not null } certificate
                ? (certificate, null)
                : (null, "the certificate's JSON is empty");
        }
        catch (JsonException e)
        {
            return (null, $"the certificate's JSON does not read: {e.Message}");
        }
    }
}
