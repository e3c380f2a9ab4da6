using System.Globalization;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Witness;

/// <summary>
/// The body of a c2sp.org/tlog-witness <c>add-checkpoint</c> request: <c>old N</c>, up to 63 consistency proof lines, an
/// empty line, then the signed checkpoint. Every line ends in a newline; numbers and base64 have one spelling each.
/// </summary>
internal sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, SignedNote Note, Checkpoint Checkpoint)
{
    /// <summary>The most proof lines a client may send.</summary>
    private const int MaxProofLines = 63;

    private const string OldSizePrefix = "old ";

    /// <exception cref="FormatException">The body is not such a request; the message says why.</exception>
    public static AddCheckpointRequest Parse(string body)
    {
        // The old size and proof lines are never empty, so the first empty line is the one before the checkpoint.
        var separator = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw Invalid("there is no empty line before the checkpoint");
        }
        var lines = body[..separator].Split('\n');
        if (!lines[0].StartsWith(OldSizePrefix, StringComparison.Ordinal) || ParseSize(lines[0][OldSizePrefix.Length..]) is not { } oldSize)
        {
            throw Invalid($"the first line '{lines[0]}' is not 'old' and a tree size in decimal without leading zeros");
        }
        if (lines.Length - 1 > MaxProofLines)
        {
            throw Invalid($"it has {lines.Length - 1} consistency proof lines, more than {MaxProofLines}");
        }
        var proof = lines.Skip(1).Select(line => DecodeHash(line) ?? throw Invalid($"the proof line '{line}' is not the base64 of a {MerkleHash.Size}-byte hash")).ToList();
        SignedNote note;
        Checkpoint checkpoint;
        try
        {
            note = SignedNote.Parse(body[(separator + 2)..]);
            checkpoint = Checkpoint.Parse(note.Text);
        }
        catch (FormatException malformed)
        {
            throw Invalid(malformed.Message);
        }
        return new AddCheckpointRequest(oldSize, proof, note, checkpoint);
    }

    private static long? ParseSize(string digits) =>
        digits.Length > 0 && digits.All(char.IsAsciiDigit) && (digits.Length == 1 || digits[0] != '0')
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? size
                : null;

    /// <summary>Standard base64 of exactly one hash, in its canonical spelling only.</summary>
    private static byte[]? DecodeHash(string line)
    {
        var hash = new byte[MerkleHash.Size];
        return Convert.TryFromBase64String(line, hash, out var written) && written == MerkleHash.Size
            && string.Equals(Convert.ToBase64String(hash), line, StringComparison.Ordinal)
                ? hash
                : null;
    }

    private static FormatException Invalid(string reason) => new($"Not an add-checkpoint request: {reason}.");
}
