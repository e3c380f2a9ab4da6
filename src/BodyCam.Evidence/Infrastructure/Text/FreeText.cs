using System.Buffers;
using System.Globalization;
using System.Text;
using FluentValidation;

namespace BodyCam.Evidence.Infrastructure.Text;

/// <summary>
/// The one rule for text a client sends, wherever it arrives (a JSON body, a query parameter, a header read as
/// text, a token claim, a file name): no control characters but the line breaks a field allows (Unicode Cc), no
/// format characters (Cf: bidirectional embeddings, overrides, isolates and marks, zero-width spaces and joiners,
/// byte order marks), no line or paragraph separators (Zl, Zp) and no half of a surrogate pair. PostgreSQL cannot
/// store U+0000 at all, and the others let one text display as another (CVE-2021-42574): in a custody reason, a
/// file name or an officer's id that is read in court, what is shown must be what is stored.
/// </summary>
public static class FreeText
{
    /// <summary>What a field that takes line breaks allows: CR and LF, and no other control character.</summary>
    public const string LineBreaks = "CR and LF";

    /// <summary>Null when the rule allows <paramref name="text"/>; otherwise why not, naming the first character refused.</summary>
    public static string? Refusal(string? text, bool allowLineBreaks = false)
    {
        if (text is null)
        {
            return null;
        }
        foreach (var (index, _, codePoint, kind) in Characters(text, allowLineBreaks))
        {
            if (kind is not null)
            {
                return $"{Name(codePoint)} ({kind}) at character {index + 1} is not allowed: text may not hold control characters"
                    + (allowLineBreaks ? $" other than {LineBreaks}" : "")
                    + ", bidirectional or zero-width formatting characters, or line separators.";
            }
        }
        return null;
    }

    public static bool IsAllowed(string? text, bool allowLineBreaks = false) => Refusal(text, allowLineBreaks) is null;

    /// <summary>
    /// Client text as it may be quoted in a custody reason or a problem's detail: each character the rule refuses is
    /// written as its code point, so the quote shows what was sent and cannot rearrange or hide what surrounds it.
    /// </summary>
    public static string Quote(string text)
    {
        if (IsAllowed(text))
        {
            return text;
        }
        var quoted = new StringBuilder(text.Length + 16);
        foreach (var (index, length, codePoint, kind) in Characters(text, allowLineBreaks: false))
        {
            if (kind is null)
            {
                quoted.Append(text, index, length);
            }
            else
            {
                quoted.Append('<').Append(Name(codePoint)).Append('>');
            }
        }
        return quoted.ToString();
    }

    /// <summary>The rule as a FluentValidation rule, failing with the reason that names the character refused.</summary>
    public static IRuleBuilderOptions<T, string?> IsFreeText<T>(this IRuleBuilder<T, string?> rule, bool allowLineBreaks = false) =>
        rule.Must((_, text, context) =>
            {
                if (Refusal(text, allowLineBreaks) is not { } refusal)
                {
                    return true;
                }
                context.MessageFormatter.AppendArgument(nameof(Refusal), refusal);
                return false;
            })
            .WithMessage($"{{{nameof(Refusal)}}}");

    /// <summary>Each character with where it starts in UTF-16, and what kind of refused character it is, if it is one.</summary>
    private static IEnumerable<(int Index, int Length, int CodePoint, string? Kind)> Characters(string text, bool allowLineBreaks)
    {
        for (var index = 0; index < text.Length;)
        {
            var decoded = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var length);
            yield return decoded == OperationStatus.Done
                ? (index, length, rune.Value, KindOf(rune, allowLineBreaks))
                : (index, length, text[index], "half of a surrogate pair");
            index += length;
        }
    }

    private static string? KindOf(Rune character, bool allowLineBreaks) => character.Value switch
    {
        '\r' or '\n' when allowLineBreaks => null,
        _ => Rune.GetUnicodeCategory(character) switch
        {
            UnicodeCategory.Control => "a control character",
            UnicodeCategory.Format => "a formatting character",
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "a line separator",
            _ => null,
        },
    };

    private static string Name(int codePoint) => $"U+{codePoint:X4}";
}
