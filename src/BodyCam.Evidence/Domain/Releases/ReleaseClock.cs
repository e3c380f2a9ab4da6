namespace BodyCam.Evidence.Domain.Releases;

/// <summary>The answer to an extension: the new due day, or why there is none.</summary>
public sealed record ReleaseExtensionOutcome(DateOnly? DueOn, string? Refusal);

/// <summary>
/// Release deadlines in calendar days, as the release laws count them (none of the shipped ones counts business
/// days). Days are counted in the agency's time zone: an incident at 23:30 local time starts its clock that day,
/// whatever the UTC date. A case is due by the end of its due day, and overdue from the next day.
/// </summary>
public static class ReleaseClock
{
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateOnly FirstDueOn(ReleaseRule rule, DateOnly startedOn) => startedOn.AddDays(rule.Days);

    /// <summary>The latest due day any extension may reach.</summary>
    public static DateOnly LatestDueOn(ReleaseRule rule, DateOnly startedOn) => startedOn.AddDays(Math.Max(rule.Days, rule.MaxDays));

    /// <summary>
    /// One step later, cut to the rule's maximum: AB 748's 45 days become 75, 105 … 345, then 365, and a further
    /// extension is refused. A reason is needed where the rule says so.
    /// </summary>
    public static ReleaseExtensionOutcome Extend(ReleaseRule rule, DateOnly startedOn, DateOnly dueOn, string? reason)
    {
        if (!rule.AllowsExtensions)
        {
            return new(null, $"The rule {rule.Name} allows no extension.");
        }
        if (rule.ExtensionNeedsReason && string.IsNullOrWhiteSpace(reason))
        {
            return new(null, $"The rule {rule.Name} needs a documented reason for each extension.");
        }
        var latest = LatestDueOn(rule, startedOn);
        if (dueOn >= latest)
        {
            return new(null, $"The case is already due on {latest:yyyy-MM-dd}, the latest day the rule {rule.Name} allows ({rule.MaxDays} days).");
        }
        var extended = dueOn.AddDays(rule.ExtensionDays);
        return new(extended > latest ? latest : extended, null);
    }

    /// <summary>Days until the due day: 0 on the day itself, negative once overdue.</summary>
    public static int DaysLeft(DateOnly dueOn, DateOnly today) => dueOn.DayNumber - today.DayNumber;
}
