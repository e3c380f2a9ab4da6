using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Console;

/// <summary>A refusal as the console shows it: what was not allowed, and whether the attempt is in the custody log.</summary>
public sealed record Refusal(int Status, string Title, string Detail, bool Recorded, IReadOnlyList<string> Fields)
{
    public const string View = "/Features/Console/Refused/Refusal.cshtml";

    public static Refusal Of(EvidenceProblemException refused) => new(
        refused.StatusCode,
        refused.Title,
        refused.Message,
        refused is RecordedRefusalException or RequestValidationException,
        refused is RequestValidationException invalid ? [.. invalid.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")] : []);
}
