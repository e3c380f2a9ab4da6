using System.Globalization;
using System.Text;
using BodyCam.Evidence.Domain.Categories;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Categories;

/// <summary>
/// Adds a category to the agency's list under an id the server chooses: the name's slug ("Use of force" →
/// <c>use-of-force</c>), with <c>-2</c>, <c>-3</c>… when another category has it. The id never changes afterwards:
/// cameras and evidence carry it, so renaming the category keeps its id.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record CreateCategory(string Name, int? RetentionDays, bool Active = true) : ICommand<CategoryView>;

internal sealed class CreateCategoryHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<CreateCategory, CategoryView>
{
    public async ValueTask<CategoryView> Handle(CreateCategory command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        var slug = CategorySlug.Of(name);
        var taken = await db.Categories.Where(c => c.Id == slug || c.Id.StartsWith(slug + "-")).Select(c => c.Id).ToListAsync(cancellationToken);
        var id = CategorySlug.FirstFree(slug, taken.ToHashSet(StringComparer.Ordinal));
        var category = Category.Create(id);
        category.Describe(name, command.RetentionDays, command.Active, clock.GetUtcNow());
        db.Categories.Add(category);
        db.CustodyEvents.Record(
            CustodyAction.CategoryRecorded, caller.Actor,
            reason: $"category {category.Id} '{category.Name}' created, retention {category.RetentionDays?.ToString(CultureInfo.InvariantCulture) ?? "unset"} days, {(category.Active ? "active" : "inactive")}");
        return new CategoryView(category.Id, category.Name, category.RetentionDays, category.Active);
    }
}

public static class CategorySlug
{
    private const int MaxLength = 64;
    private const int RoomForSuffix = 8;

    /// <summary>
    /// Latin letters with marks, as ASCII. The server runs with invariant globalization, which has no Unicode
    /// decomposition data to strip accents with.
    /// </summary>
    private static readonly Dictionary<char, string> Folded = new (string Letters, string Ascii)[]
    {
        ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("Ææ", "ae"), ("ÇçĆćĈĉĊċČč", "c"), ("ÐðĎďĐđ", "d"), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
        ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĳĳ", "ij"), ("Ĵĵ", "j"), ("Ķķ", "k"),
        ("ĹĺĻļĽľĿŀŁł", "l"), ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("Œœ", "oe"), ("ŔŕŖŗŘř", "r"),
        ("ŚśŜŝŞşŠšſ", "s"), ("ß", "ss"), ("ŢţŤťŦŧ", "t"), ("Þþ", "th"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"),
        ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"),
    }.SelectMany(group => group.Letters.Select(letter => (letter, group.Ascii))).ToDictionary(pair => pair.letter, pair => pair.Ascii);

    /// <summary>Lower-case ASCII letters and digits of the name, accents dropped, everything between them one '-'.</summary>
    public static string Of(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (Folded.TryGetValue(c, out var ascii))
            {
                slug.Append(ascii);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var trimmed = slug.ToString().Trim('-');
        if (trimmed.Length > MaxLength - RoomForSuffix)
        {
            trimmed = trimmed[..(MaxLength - RoomForSuffix)].TrimEnd('-');
        }
        return trimmed.Length == 0 ? "category" : trimmed;
    }

    public static string FirstFree(string slug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(slug))
        {
            return slug;
        }
        for (var n = 2; ; n++)
        {
            var candidate = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
