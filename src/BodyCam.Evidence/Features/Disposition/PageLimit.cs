using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>How many rows a disposition list returns: 100 unless the caller asks, and never more than 1000.</summary>
internal static class PageLimit
{
    private const int Max = 1000;

    public static int Of(int? limit) => limit switch
    {
        null => 100,
        >= 1 and <= Max => limit.Value,
        _ => throw RequestValidationException.For("limit", $"Between 1 and {Max}."),
    };
}
