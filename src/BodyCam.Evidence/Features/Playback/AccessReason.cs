using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Why the caller looks at an item's media, as it says in the <c>X-Access-Reason</c> header or, for a player that
/// cannot set headers (a bare video element), the <c>reason</c> query parameter. The header wins when both are given.
/// </summary>
public static class AccessReason
{
    public const string Header = "X-Access-Reason";
    public const string QueryParameter = "reason";
    public const int MaxLength = 500;

    public static string? Of(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var header) ? header.ToString()
        : request.Query.TryGetValue(QueryParameter, out var query) ? query.ToString()
        : null;
}
