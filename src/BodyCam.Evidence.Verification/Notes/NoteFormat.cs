namespace BodyCam.Evidence.Verification.Notes;

/// <summary>The lexical rules of c2sp.org/signed-note shared by notes, signers, verifier keys and checkpoints.</summary>
internal static class NoteFormat
{
    /// <summary>U+2014 EM DASH and a space open every signature line.</summary>
    public const string SignatureLinePrefix = "\u2014 ";

    public const int KeyIdSize = 4;

    /// <summary>Why <paramref name="text"/> cannot be a note text, or null when it can.</summary>
    public static string? TextProblem(string text)
    {
        if (!text.EndsWith('\n'))
        {
            return "it does not end in a newline";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c != '\n')
            {
                return $"it contains the control character U+{(int)c:X4} at {i}";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"it contains an unpaired surrogate at {i}, which has no UTF-8 form";
            }
        }
        return null;
    }

    /// <summary>Key names are non-empty, without Unicode spaces, control characters or '+'.</summary>
    public static bool IsValidKeyName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    /// <summary>
    /// Standard base64 in its one canonical spelling, or null. Convert alone would also accept embedded
    /// whitespace and non-zero padding bits, which would let one signature line be written several ways.
    /// </summary>
    public static byte[]? DecodeBase64(string encoded)
    {
        var decoded = new byte[encoded.Length / 4 * 3];
        return Convert.TryFromBase64String(encoded, decoded, out var written)
            && string.Equals(Convert.ToBase64String(decoded, 0, written), encoded, StringComparison.Ordinal)
                ? decoded[..written]
                : null;
    }
}
