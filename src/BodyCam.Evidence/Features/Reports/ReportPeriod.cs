using System.Linq.Expressions;
using BodyCam.Evidence.Features.Audit;
using BodyCam.Evidence.Features.Compliance;
using FluentValidation;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// A report's period, half-open [from, to) in UTC. Without either end it is the last complete half-year (January to
/// June or July to December) before now, the semiannual period reporting laws ask for; with one end only, the six
/// months that follow or precede it.
/// </summary>
internal static class ReportPeriod
{
    public const int MaxYears = 5;

    public static (DateTimeOffset From, DateTimeOffset To) Of(string? from, string? to, DateTimeOffset now) =>
        (ComplianceParameters.Instant(from), ComplianceParameters.Instant(to)) switch
        {
            ({ } start, { } end) => (start, end),
            ({ } start, null) => (start, start.AddMonths(6)),
            (null, { } end) => (end.AddMonths(-6), end),
            (null, null) => LastCompleteHalfYear(now),
        };

    public static (DateTimeOffset From, DateTimeOffset To) LastCompleteHalfYear(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var currentHalf = new DateTimeOffset(utc.Year, utc.Month <= 6 ? 1 : 7, 1, 0, 0, 0, TimeSpan.Zero);
        return (currentHalf.AddMonths(-6), currentHalf);
    }

    public static void ValidateReportPeriod<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> from, Expression<Func<T, string?>> to)
    {
        var end = to.Compile();
        validator.ValidatePeriod(from, to);
        validator.RuleFor(from)
            .Must((query, value) => !AuditTrailFilter.TryParseInstant(value, out var first) || !AuditTrailFilter.TryParseInstant(end(query), out var last)
                || first is null || last is null || first.Value.AddYears(MaxYears) >= last.Value)
            .WithMessage($"A period of at most {MaxYears} years.");
    }
}
