using System.Globalization;
using System.Linq.Expressions;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Audit;
using FluentValidation;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// The parameters compliance views share, kept as the client wrote them so that the validator names the one that
/// is wrong. Periods are half-open, [from, to), in UTC.
/// </summary>
internal static class ComplianceParameters
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const string InstantMessage = "Give an ISO 8601 instant with Z or an offset, such as 2026-11-26T12:30:00Z.";

    public static DateTimeOffset? Instant(string? value) =>
        AuditTrailFilter.TryParseInstant(value, out var parsed) ? parsed : throw new InvalidOperationException("The query was not validated.");

    public static int Limit(string? value) =>
        string.IsNullOrEmpty(value) ? DefaultLimit : int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static void ValidatePeriod<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> from, Expression<Func<T, string?>> to)
    {
        var start = from.Compile();
        validator.RuleFor(from).Must(value => AuditTrailFilter.TryParseInstant(value, out _)).WithMessage(InstantMessage);
        validator.RuleFor(to).Must(value => AuditTrailFilter.TryParseInstant(value, out _)).WithMessage(InstantMessage);
        validator.RuleFor(to)
            .Must((query, value) => !AuditTrailFilter.TryParseInstant(start(query), out var first) || !AuditTrailFilter.TryParseInstant(value, out var end)
                || first is null || end is null || end > first)
            .WithMessage("to must be later than from.");
    }

    public static void ValidateLimit<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> limit) =>
        validator.RuleFor(limit)
            .Must(value => string.IsNullOrEmpty(value)
                || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= MaxLimit))
            .WithMessage($"Give a whole number from 1 to {MaxLimit}.");

    /// <summary>Items received in [from, to); either end may be open.</summary>
    public static IQueryable<EvidenceItem> ReceivedWithin(this IQueryable<EvidenceItem> items, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start)
        {
            items = items.Where(e => e.ReceivedAt >= start);
        }
        if (to is { } end)
        {
            items = items.Where(e => e.ReceivedAt < end);
        }
        return items;
    }
}

/// <summary>An item a compliance view lists for follow-up.</summary>
public sealed record ComplianceItem(Guid EvidenceId, string FileName, string? OfficerId, string? OfficerUnit, DateTimeOffset? RecordedStart, DateTimeOffset ReceivedAt);
