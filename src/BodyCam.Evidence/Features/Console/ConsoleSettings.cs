using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Console;

/// <summary>
/// The console's map: <see cref="TileServer"/> is a tile URL template (<c>https://tiles.example/{z}/{x}/{y}.png</c>);
/// without one a recording's track is drawn on a plain scaled grid, so a closed evidence network needs no map service.
/// </summary>
public sealed record ConsoleSettings(string? TileServer, string? TileOrigin, string TileAttribution)
{
    public static ConsoleSettings From(IConfiguration configuration)
    {
        var tiles = configuration["Console:TileServer"];
        if (string.IsNullOrWhiteSpace(tiles))
        {
            return new ConsoleSettings(null, null, "");
        }
        var template = tiles.Replace("{z}", "0", StringComparison.Ordinal).Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal);
        if (!tiles.Contains("{z}", StringComparison.Ordinal) || !Uri.TryCreate(template, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConfigurationException($"Console:TileServer '{tiles}' must be an absolute http(s) URL template with {{z}}, {{x}} and {{y}}.");
        }
        return new ConsoleSettings(tiles, url.GetLeftPart(UriPartial.Authority), configuration["Console:TileAttribution"] ?? "");
    }
}
