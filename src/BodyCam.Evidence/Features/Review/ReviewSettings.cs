using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Review;

/// <summary>
/// Which categories are use of force, whose recordings a supervisor must review: <c>Review:UseOfForceCategories</c>,
/// category ids as an array (<c>Review__UseOfForceCategories__0</c>…) or one comma-separated value.
/// </summary>
public sealed record ReviewSettings(IReadOnlyList<string> UseOfForceCategories)
{
    public static ReviewSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Review:UseOfForceCategories");
        var listed = section.GetChildren().Select(child => child.Value).OfType<string>().ToList();
        var categories = (listed.Count > 0 ? listed : [.. (section.Value ?? "use-of-force").Split(',')])
            .Select(id => id.Trim())
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (categories.Count == 0)
        {
            throw new ConfigurationException("Review:UseOfForceCategories must name at least one category id.");
        }
        return new ReviewSettings(categories);
    }
}
