using BodyCam.Evidence.Features.Categories;

namespace BodyCam.Evidence.Tests.Features.Categories;

public sealed class CategorySlugTests
{
    [TestCase("Use of force", "use-of-force")]
    [TestCase("  Traffic stop / DUI  ", "traffic-stop-dui")]
    [TestCase("Våld mot tjänsteman", "vald-mot-tjansteman")]
    [TestCase("Ärende #42: Övrigt", "arende-42-ovrigt")]
    [TestCase("警察", "category")]
    [TestCase("---", "category")]
    [TestCase("Cafe\u0301 stop", "cafe-stop")]
    public void A_slug_is_the_names_ascii_letters_and_digits_joined_by_dashes(string name, string slug) =>
        Assert.That(CategorySlug.Of(name), Is.EqualTo(slug));

    [Test]
    public void A_long_name_leaves_room_for_a_suffix_within_64_characters()
    {
        var slug = CategorySlug.Of(new string('a', 30) + " " + new string('b', 60));

        Assert.That(slug, Has.Length.LessThanOrEqualTo(56).And.Not.EndWith("-"));
        Assert.That(CategorySlug.FirstFree(slug, new HashSet<string> { slug, slug + "-2" }), Is.EqualTo(slug + "-3").And.Length.LessThanOrEqualTo(64));
    }
}
