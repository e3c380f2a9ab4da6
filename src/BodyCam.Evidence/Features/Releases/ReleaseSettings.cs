using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// The release rules an agency works under (<c>Releases:Rules:&lt;Name&gt;</c>), the time zone their calendar days are
/// counted in (<c>Releases:TimeZone</c>, an IANA id, UTC by default) and how many days before its due day a case is
/// listed as due soon (<c>Releases:DueSoonDays</c>). A rule the server could not count with is refused at start.
/// </summary>
public sealed partial record ReleaseSettings(IReadOnlyDictionary<string, ReleaseRule> Rules, TimeZoneInfo TimeZone, int DueSoonDays)
{
    public const int MaxRuleDays = 3660;

    public static ReleaseSettings From(IConfiguration configuration)
    {
        var zoneId = configuration["Releases:TimeZone"] ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw new ConfigurationException($"Releases:TimeZone is '{zoneId}'; it must be a time zone id such as UTC or America/Los_Angeles.");
        }
        var dueSoonDays = configuration.Value("Releases:DueSoonDays", 7);
        if (dueSoonDays < 0)
        {
            throw new ConfigurationException("Releases:DueSoonDays must be 0 or more.");
        }
        var rules = configuration.GetSection("Releases:Rules").GetChildren()
            .Select(Rule)
            .ToDictionary(rule => rule.Name, StringComparer.OrdinalIgnoreCase);
        return new ReleaseSettings(rules, zone, dueSoonDays);
    }

    public ReleaseRule? Rule(string name) => Rules.GetValueOrDefault(name);

    private static ReleaseRule Rule(IConfigurationSection section)
    {
        var key = $"Releases:Rules:{section.Key}";
        if (!RuleName().IsMatch(section.Key))
        {
            throw new ConfigurationException($"{key}: a rule's name is 1–64 letters, digits and hyphens.");
        }
        var days = Read(section, key, "Days", 0);
        var rule = new ReleaseRule(
            section.Key,
            Required(section, key, "Title"),
            section["StartsAt"] is null
                ? throw new ConfigurationException($"{key}:StartsAt is required; it must be one of Incident, Complaint.")
                : Read(section, key, "StartsAt", ReleaseClockStart.Incident),
            days,
            Read(section, key, "ExtensionDays", 0),
            Read(section, key, "MaxDays", days),
            Read(section, key, "ExtensionNeedsReason", false),
            Required(section, key, "Citation"));
        if (rule.Days is < 1 or > MaxRuleDays)
        {
            throw new ConfigurationException($"{key}:Days is '{section["Days"]}'; it must be a whole number of days from 1 to {MaxRuleDays}.");
        }
        if (rule.ExtensionDays is < 0 or > MaxRuleDays)
        {
            throw new ConfigurationException($"{key}:ExtensionDays is '{section["ExtensionDays"]}'; it must be from 0 (no extension) to {MaxRuleDays}.");
        }
        if (rule.MaxDays < rule.Days || rule.MaxDays > MaxRuleDays || (rule.ExtensionDays > 0 && rule.MaxDays == rule.Days))
        {
            throw new ConfigurationException(
                $"{key}:MaxDays is '{section["MaxDays"]}'; it is the latest due day counted from the clock's start, from Days ({rule.Days}) to {MaxRuleDays}, and beyond Days when ExtensionDays is set.");
        }
        return rule;
    }

    /// <summary>A typed value of the rule, refused naming its whole key.</summary>
    private static T Read<T>(IConfigurationSection section, string key, string name, T defaultValue)
        where T : struct
    {
        try
        {
            return section.Value(name, defaultValue);
        }
        catch (ConfigurationException invalid)
        {
            throw new ConfigurationException($"{key}:{invalid.Message}");
        }
    }

    private static string Required(IConfigurationSection section, string key, string name) =>
        section[name] is { Length: > 0 } value ? value : throw new ConfigurationException($"{key}:{name} is required.");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex RuleName();
}
