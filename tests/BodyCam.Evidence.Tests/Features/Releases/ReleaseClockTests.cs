using BodyCam.Evidence.Domain.Releases;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>Release deadlines in calendar days of the agency's time zone, with extensions up to the rule's maximum.</summary>
public sealed class ReleaseClockTests
{
    private static readonly ReleaseRule Ab748 = new("CA-AB748", "California AB 748", ReleaseClockStart.Incident, 45, 30, 365, true, "Cal. Gov. Code § 7923.625");
    private static readonly ReleaseRule Colorado = new("CO-SB20-217", "Colorado SB 20-217", ReleaseClockStart.Complaint, 21, 0, 21, false, "C.R.S. § 24-31-902");
    private static readonly ReleaseRule Chicago = new("Chicago", "Chicago", ReleaseClockStart.Incident, 60, 30, 90, false, "Chicago video release policy");

    [Test]
    public void AB_748_is_due_45_calendar_days_after_the_incident_day()
    {
        var started = ReleaseClock.DayOf(DateTimeOffset.Parse("2026-03-02T22:15:00Z"), TimeZoneInfo.Utc);

        Assert.That((started, ReleaseClock.FirstDueOn(Ab748, started)), Is.EqualTo((new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 16))));
    }

    [Test]
    public void AB_748_extends_30_days_at_a_time_and_never_past_365_days()
    {
        var started = new DateOnly(2026, 1, 10);
        var due = ReleaseClock.FirstDueOn(Ab748, started);
        var dues = new List<int> { due.DayNumber - started.DayNumber };
        while (ReleaseClock.Extend(Ab748, started, due, "investigation active").DueOn is { } extended)
        {
            due = extended;
            dues.Add(due.DayNumber - started.DayNumber);
        }

        Assert.That(dues, Is.EqualTo(new[] { 45, 75, 105, 135, 165, 195, 225, 255, 285, 315, 345, 365 }));
        Assert.That(ReleaseClock.Extend(Ab748, started, due, "still active").Refusal, Does.Contain("latest day").And.Contain("2027-01-10"));
    }

    [Test]
    public void An_extension_without_the_reason_the_rule_requires_is_refused()
    {
        var started = new DateOnly(2026, 1, 10);

        var outcome = ReleaseClock.Extend(Ab748, started, ReleaseClock.FirstDueOn(Ab748, started), "  ");

        Assert.That((outcome.DueOn, outcome.Refusal), Is.EqualTo(((DateOnly?)null, "The rule CA-AB748 needs a documented reason for each extension.")));
    }

    [Test]
    public void A_rule_without_extensions_refuses_every_extension()
    {
        var started = new DateOnly(2026, 5, 1);

        var outcome = ReleaseClock.Extend(Colorado, started, ReleaseClock.FirstDueOn(Colorado, started), "asked");

        Assert.That(outcome.Refusal, Is.EqualTo("The rule CO-SB20-217 allows no extension."));
    }

    [Test]
    public void A_rule_whose_reason_is_optional_extends_without_one()
    {
        var started = new DateOnly(2026, 5, 1);

        Assert.That(ReleaseClock.Extend(Chicago, started, ReleaseClock.FirstDueOn(Chicago, started), null).DueOn, Is.EqualTo(new DateOnly(2026, 7, 30)));
    }

    [Test]
    public void Colorado_counts_from_the_complaint_not_the_incident()
    {
        var releaseCase = ReleaseCase.Open(
            "Stop on Main Street", "A traffic stop.", Colorado, DateTimeOffset.Parse("2026-01-05T10:00:00Z"), DateTimeOffset.Parse("2026-02-20T16:30:00Z"),
            TimeZoneInfo.Utc, "cora", DateTimeOffset.Parse("2026-02-21T09:00:00Z"));

        Assert.That((releaseCase.ClockStartedOn, releaseCase.DueOn, releaseCase.LatestDueOn),
            Is.EqualTo((new DateOnly(2026, 2, 20), new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 13))));
    }

    [Test]
    public void A_leap_day_counts_as_a_day()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReleaseClock.FirstDueOn(Ab748, new DateOnly(2028, 2, 1)), Is.EqualTo(new DateOnly(2028, 3, 17)), "2028 is a leap year");
            Assert.That(ReleaseClock.FirstDueOn(Ab748, new DateOnly(2027, 2, 1)), Is.EqualTo(new DateOnly(2027, 3, 18)));
            Assert.That(ReleaseClock.LatestDueOn(Ab748, new DateOnly(2028, 1, 10)), Is.EqualTo(new DateOnly(2029, 1, 9)), "365 days, not a calendar year, across 29 February");
        });
    }

    [Test]
    public void Days_are_counted_in_the_agencys_time_zone()
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var lateEvening = DateTimeOffset.Parse("2026-03-01T05:30:00Z");

        Assert.Multiple(() =>
        {
            Assert.That(ReleaseClock.DayOf(lateEvening, losAngeles), Is.EqualTo(new DateOnly(2026, 2, 28)), "21:30 the evening before, in California");
            Assert.That(ReleaseClock.DayOf(lateEvening, TimeZoneInfo.Utc), Is.EqualTo(new DateOnly(2026, 3, 1)));
        });
    }

    [Test]
    public void Days_left_are_zero_on_the_due_day_and_negative_once_overdue()
    {
        var due = new DateOnly(2026, 4, 16);

        Assert.That(new[] { due.AddDays(-3), due, due.AddDays(2) }.Select(today => ReleaseClock.DaysLeft(due, today)), Is.EqualTo(new[] { 3, 0, -2 }));
    }
}
