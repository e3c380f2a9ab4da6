using System.Globalization;
using BodyCam.Evidence.Features.Reports;

namespace BodyCam.Evidence.Tests.Features.Reports;

public sealed class ReportPeriodTests
{
    [TestCase("2026-12-06T18:00:00Z", "2026-01-01", "2026-07-01")]
    [TestCase("2026-07-01T00:00:00Z", "2026-01-01", "2026-07-01")]
    [TestCase("2026-06-30T23:59:59Z", "2025-07-01", "2026-01-01")]
    [TestCase("2027-01-01T00:00:00Z", "2026-07-01", "2027-01-01")]
    [TestCase("2026-07-01T01:00:00+02:00", "2025-07-01", "2026-01-01")]
    public void Without_either_end_the_period_is_the_last_complete_half_year_in_UTC(string now, string from, string to) =>
        Assert.That(ReportPeriod.Of(null, null, Instant(now)), Is.EqualTo((Instant(from + "T00:00:00Z"), Instant(to + "T00:00:00Z"))));

    [Test]
    public void With_one_end_the_period_is_the_six_months_after_or_before_it()
    {
        var now = Instant("2026-12-06T18:00:00Z");

        Assert.That(ReportPeriod.Of("2026-03-01T00:00:00Z", null, now), Is.EqualTo((Instant("2026-03-01T00:00:00Z"), Instant("2026-09-01T00:00:00Z"))));
        Assert.That(ReportPeriod.Of(null, "2026-03-01T00:00:00Z", now), Is.EqualTo((Instant("2025-09-01T00:00:00Z"), Instant("2026-03-01T00:00:00Z"))));
    }

    private static DateTimeOffset Instant(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
