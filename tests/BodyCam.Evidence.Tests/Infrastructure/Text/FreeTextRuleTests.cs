using BodyCam.Evidence.Infrastructure.Text;

namespace BodyCam.Evidence.Tests.Infrastructure.Text;

public sealed class FreeTextRuleTests
{
    [TestCase("\0", "U+0000 (a control character) at character 2")]
    [TestCase("\t", "U+0009 (a control character) at character 2")]
    [TestCase("\u0085", "U+0085 (a control character)")]
    [TestCase("\u202E", "U+202E (a formatting character)")]
    [TestCase("\u2066", "U+2066 (a formatting character)")]
    [TestCase("\u200F", "U+200F (a formatting character)")]
    [TestCase("\u200B", "U+200B (a formatting character)")]
    [TestCase("\u200D", "U+200D (a formatting character)")]
    [TestCase("\uFEFF", "U+FEFF (a formatting character)")]
    [TestCase("\u2028", "U+2028 (a line separator)")]
    [TestCase("\U000E0041", "U+E0041 (a formatting character) at character 2")]
    public void Controls_formatting_characters_separators_and_broken_pairs_are_refused_by_name(string character, string refusal)
    {
        Assert.That(FreeText.Refusal($"a{character}b"), Does.StartWith(refusal));
        Assert.That(FreeText.Refusal($"a{character}b", allowLineBreaks: true), Does.StartWith(refusal));
    }

    [Test]
    public void Half_of_a_surrogate_pair_is_refused()
    {
        // Built in code: attribute arguments are stored as UTF-8, which cannot hold half a pair.
        var high = ((char)0xD800).ToString();
        var low = ((char)0xDC00).ToString();

        Assert.That(FreeText.Refusal("a" + high + "b"), Does.StartWith("U+D800 (half of a surrogate pair) at character 2"));
        Assert.That(FreeText.Refusal("a" + low + high), Does.StartWith("U+DC00 (half of a surrogate pair) at character 2"));
        Assert.That(FreeText.Refusal(high + low), Is.Null, "a whole pair is one character");
    }

    [TestCase("Ann O'Neil")]
    [TestCase("Zoë Ørsted-Łukasz")]
    [TestCase("中山 警部")]
    [TestCase("مركز الشرطة")]
    [TestCase("Dock 😀 3")]
    [TestCase("")]
    public void Text_of_any_script_is_allowed(string text) => Assert.That(FreeText.Refusal(text), Is.Null);

    [Test]
    public void Line_breaks_are_allowed_only_where_a_field_allows_them()
    {
        Assert.That(FreeText.Refusal("first\r\nsecond\nthird"), Does.StartWith("U+000D (a control character) at character 6"));
        Assert.That(FreeText.Refusal("first\r\nsecond\nthird", allowLineBreaks: true), Is.Null);
    }

    [Test]
    public void A_quote_shows_each_refused_character_as_its_code_point()
    {
        Assert.That(FreeText.Quote("evil\u202Egnp.exe\0 😀"), Is.EqualTo("evil<U+202E>gnp.exe<U+0000> 😀"));
        Assert.That(FreeText.Quote("plain text"), Is.EqualTo("plain text"));
    }
}
