using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Features.Oversight;
using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Tests.Features.Oversight;

/// <summary>
/// A footage request's deadline: business days after the day it is received, skipping weekends and the agency's
/// holidays, counted in the agency's time zone, due at the end of the last one.
/// </summary>
public sealed class BusinessDaysTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [TestCase("2026-12-07T10:00:00Z", "2026-12-21", TestName = "A request on a Monday is due ten business days later, on the Monday two weeks on")]
    [TestCase("2026-12-04T10:00:00Z", "2026-12-18", TestName = "A request on a Friday skips two weekends")]
    [TestCase("2026-12-05T10:00:00Z", "2026-12-18", TestName = "A request on a Saturday counts from the Monday, as one on the Friday")]
    [TestCase("2026-12-06T23:59:59Z", "2026-12-18", TestName = "A request late on a Sunday counts from the Monday")]
    [TestCase("2026-12-07T00:00:00Z", "2026-12-21", TestName = "The day of receipt is never counted, even from its first instant")]
    public void Ten_business_days_skip_weekends(string receivedAt, string lastDay)
    {
        var days = new BusinessDays(10, [], Utc);

        Assert.That(days.LastDay(DateTimeOffset.Parse(receivedAt)), Is.EqualTo(DateOnly.Parse(lastDay)));
    }

    [Test]
    public void The_request_is_due_at_the_end_of_its_last_business_day()
    {
        var days = new BusinessDays(10, [], Utc);

        Assert.That(days.DueAt(DateTimeOffset.Parse("2026-12-07T10:00:00Z")), Is.EqualTo(DateTimeOffset.Parse("2026-12-22T00:00:00Z")));
    }

    [Test]
    public void A_holiday_is_skipped_like_a_weekend_day()
    {
        var christmas = new DateOnly(2026, 12, 25);
        var newYear = new DateOnly(2027, 1, 1);
        var days = new BusinessDays(10, [christmas, newYear], Utc);

        Assert.That(days.LastDay(DateTimeOffset.Parse("2026-12-14T09:00:00Z")), Is.EqualTo(new DateOnly(2026, 12, 29)));
        Assert.That(days.LastDay(DateTimeOffset.Parse("2026-12-21T09:00:00Z")), Is.EqualTo(new DateOnly(2027, 1, 6)), "both holidays fall within");
        Assert.That(new BusinessDays(10, [], Utc).LastDay(DateTimeOffset.Parse("2026-12-14T09:00:00Z")), Is.EqualTo(new DateOnly(2026, 12, 28)));
    }

    [Test]
    public void A_request_received_on_a_holiday_counts_from_the_next_business_day()
    {
        var days = new BusinessDays(1, [new DateOnly(2026, 12, 25)], Utc);

        Assert.That(days.LastDay(DateTimeOffset.Parse("2026-12-24T12:00:00Z")), Is.EqualTo(new DateOnly(2026, 12, 28)));
        Assert.That(days.LastDay(DateTimeOffset.Parse("2026-12-25T12:00:00Z")), Is.EqualTo(new DateOnly(2026, 12, 28)));
    }

    [Test]
    public void A_late_evening_request_counts_from_the_agency_s_date_not_the_UTC_date()
    {
        // Thursday 23:30 in Chicago is already Friday 05:30 in UTC.
        var receivedAt = DateTimeOffset.Parse("2026-12-04T05:30:00Z");

        var chicago = new BusinessDays(10, [], Chicago);
        var utc = new BusinessDays(10, [], Utc);

        Assert.That(chicago.LocalDate(receivedAt), Is.EqualTo(new DateOnly(2026, 12, 3)));
        Assert.That(chicago.LastDay(receivedAt), Is.EqualTo(new DateOnly(2026, 12, 17)));
        Assert.That(chicago.DueAt(receivedAt), Is.EqualTo(DateTimeOffset.Parse("2026-12-18T06:00:00Z")), "midnight in Chicago, UTC-6 in winter");
        Assert.That(utc.LastDay(receivedAt), Is.EqualTo(new DateOnly(2026, 12, 18)));
    }

    [Test]
    public void The_end_of_the_last_day_follows_the_clock_change_in_the_agency_s_time_zone()
    {
        var days = new BusinessDays(10, [], London);

        // Summer time ends in London on Sunday 25 October 2026.
        Assert.That(days.DueAt(DateTimeOffset.Parse("2026-10-05T09:00:00+01:00")), Is.EqualTo(DateTimeOffset.Parse("2026-10-19T23:00:00Z")), "due in summer time");
        Assert.That(days.DueAt(DateTimeOffset.Parse("2026-10-12T09:00:00+01:00")), Is.EqualTo(DateTimeOffset.Parse("2026-10-27T00:00:00Z")), "received in summer time, due in winter time");
        Assert.That(days.LastDay(DateTimeOffset.Parse("2026-10-16T23:30:00Z")), Is.EqualTo(new DateOnly(2026, 10, 30)), "00:30 on Saturday in London");
    }

    [Test]
    public void Days_left_count_the_business_days_after_today_up_to_the_last_day()
    {
        var days = new BusinessDays(10, [], Utc);
        var lastDay = new DateOnly(2026, 12, 21);

        Assert.That(days.DaysLeft(DateTimeOffset.Parse("2026-12-16T09:00:00Z"), lastDay), Is.EqualTo(3), "Thursday, Friday and Monday");
        Assert.That(days.DaysLeft(DateTimeOffset.Parse("2026-12-19T09:00:00Z"), lastDay), Is.EqualTo(1), "from a Saturday, the Monday");
        Assert.That(days.DaysLeft(DateTimeOffset.Parse("2026-12-21T23:00:00Z"), lastDay), Is.Zero, "due today");
    }

    [Test]
    public void The_settings_default_to_ten_business_days_in_UTC_without_holidays()
    {
        var deadlines = Settings().Deadlines;

        Assert.That((deadlines.ResponseDays, deadlines.Zone.Id), Is.EqualTo((OversightSettings.DefaultResponseDays, "UTC")));
        Assert.That(deadlines.IsBusinessDay(new DateOnly(2026, 12, 25)), Is.True);
    }

    [Test]
    public void Holidays_are_read_as_an_array_or_one_comma_separated_value()
    {
        var listed = Settings(("Oversight:Holidays:0", "2026-12-25"), ("Oversight:Holidays:1", "2027-01-01")).Deadlines;
        var joined = Settings(("Oversight:Holidays", "2026-12-25, 2027-01-01"), ("Oversight:TimeZone", "America/Chicago"), ("Oversight:ResponseDays", "21")).Deadlines;

        Assert.That(new[] { listed.IsBusinessDay(new DateOnly(2026, 12, 25)), listed.IsBusinessDay(new DateOnly(2027, 1, 1)) }, Has.All.False);
        Assert.That(new[] { joined.IsBusinessDay(new DateOnly(2026, 12, 25)), joined.IsBusinessDay(new DateOnly(2027, 1, 1)) }, Has.All.False);
        Assert.That((joined.ResponseDays, joined.Zone.Id), Is.EqualTo((21, "America/Chicago")));
    }

    [TestCase("Oversight:ResponseDays", "0")]
    [TestCase("Oversight:ResponseDays", "366")]
    [TestCase("Oversight:ResponseDays", "ten")]
    [TestCase("Oversight:Holidays", "2026-13-01")]
    [TestCase("Oversight:Holidays", "25/12/2026")]
    [TestCase("Oversight:TimeZone", "Mars/Olympus_Mons")]
    public void A_setting_the_server_cannot_count_with_is_refused_at_start_naming_its_key(string key, string value)
    {
        var refusal = Assert.Throws<ConfigurationException>(() => Settings((key, value)));

        Assert.That(refusal.Message, Does.StartWith(key));
    }

    private static OversightSettings Settings(params (string Key, string Value)[] values) =>
        OversightSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());
}
