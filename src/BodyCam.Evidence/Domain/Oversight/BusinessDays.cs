namespace BodyCam.Evidence.Domain.Oversight;

/// <summary>
/// A response deadline counted in business days: Monday to Friday, less the agency's holidays, as dates in the
/// agency's time zone. The day a request is received is not counted, whatever its hour; the first business day after
/// it is day one. The request is due at the end of the last business day: the first instant of the next local day.
/// </summary>
public sealed class BusinessDays
{
    private readonly HashSet<DateOnly> _holidays;

    public BusinessDays(int responseDays, IEnumerable<DateOnly> holidays, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(responseDays, 1);
        ResponseDays = responseDays;
        _holidays = [.. holidays];
        Zone = zone;
    }

    public int ResponseDays { get; }

    public TimeZoneInfo Zone { get; }

    public bool IsBusinessDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>The agency's date at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The last business day to answer a request received at <paramref name="receivedAt"/>.</summary>
    public DateOnly LastDay(DateTimeOffset receivedAt)
    {
        var day = LocalDate(receivedAt);
        for (var counted = 0; counted < ResponseDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>The instant a request received at <paramref name="receivedAt"/> becomes overdue.</summary>
    public DateTimeOffset DueAt(DateTimeOffset receivedAt) => StartOf(LastDay(receivedAt).AddDays(1));

    /// <summary>Business days after today's date up to and including <paramref name="lastDay"/>: 0 on the last day itself.</summary>
    public int DaysLeft(DateTimeOffset now, DateOnly lastDay)
    {
        var left = 0;
        for (var day = LocalDate(now).AddDays(1); day <= lastDay; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                left++;
            }
        }
        return left;
    }

    /// <summary>
    /// The first instant of a local date. Where a clock change skips midnight (some zones move at 00:00), the day
    /// begins when the clock resumes; where midnight occurs twice, at its first occurrence.
    /// </summary>
    private DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
