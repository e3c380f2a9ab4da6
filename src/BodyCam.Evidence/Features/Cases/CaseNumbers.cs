using BodyCam.Evidence.Domain.Cases;
using FluentValidation;

namespace BodyCam.Evidence.Features.Cases;

public sealed record CaseView(
    string CaseNumber, string Title, string Status, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, DateTimeOffset UpdatedAt)
{
    public static CaseView Of(Case @case) =>
        new(@case.CaseNumber, @case.Title, @case.Status.ToString(), @case.OpenedAt, @case.OpenedBy, @case.ClosedAt, @case.UpdatedAt);
}

internal static class CaseNumbers
{
    /// <summary>A case number is a path segment of its own: no '/', and no "." or ".." that a client would resolve away.</summary>
    public static IRuleBuilderOptions<T, string> IsCaseNumber<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._:-]*$")
            .WithMessage("1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    /// <summary>Names only: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take numbers.</summary>
    public static bool TryParseStatus(string? value, out CaseStatus status)
    {
        status = default;
        return value is not null && Enum.GetNames<CaseStatus>().Contains(value, StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(value, ignoreCase: true, out status);
    }
}
