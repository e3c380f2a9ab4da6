using System.Globalization;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// How long the agency has to answer an oversight board's footage request: <c>Oversight:ResponseDays</c> business days
/// (default 10), skipping weekends and <c>Oversight:Holidays</c> (dates, yyyy-MM-dd, as an array or one comma-separated
/// value), counted in <c>Oversight:TimeZone</c> (an IANA id, default UTC).
/// </summary>
public sealed record OversightSettings(BusinessDays Deadlines)
{
    public const int DefaultResponseDays = 10;
    public const int MaxResponseDays = 365;

    public static OversightSettings From(IConfiguration configuration)
    {
        var days = configuration.Value("Oversight:ResponseDays", DefaultResponseDays);
        if (days is < 1 or > MaxResponseDays)
        {
            throw new ConfigurationException($"Oversight:ResponseDays is {days}; it must be a whole number of business days from 1 to {MaxResponseDays}.");
        }
        return new OversightSettings(new BusinessDays(days, Holidays(configuration), Zone(configuration["Oversight:TimeZone"] ?? "UTC")));
    }

    private static List<DateOnly> Holidays(IConfiguration configuration)
    {
        var section = configuration.GetSection("Oversight:Holidays");
        var listed = section.GetChildren().Select(child => child.Value).OfType<string>().ToList();
        var given = listed.Count > 0 ? listed : [.. (section.Value ?? "").Split(',')];
        var holidays = new List<DateOnly>();
        foreach (var value in given.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ConfigurationException($"Oversight:Holidays holds '{value}'; each holiday must be a date, yyyy-MM-dd.");
            }
            holidays.Add(date);
        }
        return holidays;
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception unknown) when (unknown is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ConfigurationException($"Oversight:TimeZone is '{id}'; it must be an IANA time zone id, such as Europe/London or America/Chicago.");
        }
    }
}
