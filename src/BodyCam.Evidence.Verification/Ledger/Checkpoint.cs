using System.Globalization;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// A c2sp.org/tlog-checkpoint: the origin of a log, its tree size and RFC 9162 root hash, as the text of a signed note.
/// Equality compares the root hash bytes.
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    /// <summary><c>origin\nsize\nbase64(root)\n</c>, with no extension lines.</summary>
    public string ToNoteText()
    {
        if (Origin.Length == 0 || Origin.Contains('\n', StringComparison.Ordinal) || NoteFormat.TextProblem(Origin + "\n") is not null)
        {
            throw new InvalidOperationException("A checkpoint origin is one non-empty line without control characters.");
        }
        if (TreeSize < 0)
        {
            throw new InvalidOperationException("A checkpoint tree size is not negative.");
        }
        if (RootHash.Length != MerkleHash.Size)
        {
            throw new InvalidOperationException($"A checkpoint root hash is {MerkleHash.Size} bytes.");
        }
        return $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";
    }

    /// <summary>Reads a checkpoint note text; extension lines after the root hash are accepted and ignored.</summary>
    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        if (NoteFormat.TextProblem(noteText) is { } problem)
        {
            throw Invalid(problem);
        }
        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw Invalid("it has fewer than the three lines origin, tree size and root hash");
        }
        if (lines[0].Length == 0)
        {
            throw Invalid("the origin is empty");
        }
        if (!IsCanonicalDecimal(lines[1]) || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            throw Invalid($"the tree size '{lines[1]}' is not a decimal number without sign or leading zeros");
        }
        var rootHash = NoteFormat.DecodeBase64(lines[2]);
        if (rootHash?.Length != MerkleHash.Size)
        {
            throw Invalid($"the root hash '{lines[2]}' is not the base64 of {MerkleHash.Size} bytes");
        }
        if (lines.Skip(3).Any(line => line.Length == 0))
        {
            throw Invalid("an extension line is empty");
        }
        return new Checkpoint(lines[0], treeSize, rootHash);
    }

    /// <summary>
    /// Reads a signed checkpoint note and returns its checkpoint once <paramref name="key"/>'s signature verifies.
    /// Signatures by other keys (witnesses, a rotated log key) are ignored.
    /// </summary>
    /// <exception cref="FormatException">The note or its checkpoint text is malformed.</exception>
    /// <exception cref="InvalidDataException">The note carries no signature by the key, or one that does not verify.</exception>
    public static Checkpoint Verify(string signedNote, NoteVerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var note = SignedNote.Parse(signedNote);
        var byKey = note.Signatures.Where(key.Identifies).ToList();
        if (byKey.Count == 0)
        {
            throw new InvalidDataException(
                $"The checkpoint carries no signature by {key.Name} with key ID {Convert.ToHexStringLower(key.KeyId)}.");
        }
        // signed-note: a failing signature from a known key should reject the whole note.
        if (!byKey.All(signature => key.Verifies(signature, note.Text)))
        {
            throw new InvalidDataException($"The checkpoint's signature by {key.Name} does not verify: the text or the signature has changed.");
        }
        return Parse(note.Text);
    }

    public bool Equals(Checkpoint? other) =>
        other is not null
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && TreeSize == other.TreeSize
        && RootHash.AsSpan().SequenceEqual(other.RootHash);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Origin), TreeSize);

    private static bool IsCanonicalDecimal(string digits) =>
        digits.Length > 0 && digits.All(char.IsAsciiDigit) && (digits.Length == 1 || digits[0] != '0');

    private static FormatException Invalid(string reason) => new($"Not a checkpoint: {reason}.");
}
