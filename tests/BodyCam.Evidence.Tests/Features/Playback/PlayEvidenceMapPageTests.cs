using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>With a tile server configured, the track is drawn by the served Leaflet over its tiles, within the page's CSP.</summary>
public sealed class PlayEvidenceMapPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private const string TileServer = "http://tiles.test";
    private Guid _item;

    protected override (string Key, string Value)[] Settings =>
        [("Console:TileServer", TileServer + "/{z}/{x}/{y}.png"), ("Console:TileAttribution", "Test tiles")];

    [OneTimeSetUp]
    public async Task SeedVideo() => _item = await WatchableItems.SeedAsync(Api, "mo", "west");

    [Test]
    public async Task The_track_is_drawn_on_the_tile_servers_map_by_the_served_leaflet()
    {
        var tilePath = Path.Combine(Api.DataRoot, "tile.png");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0xdde8d5:s=256x256", "-frames:v", "1", tilePath);
        var tile = await File.ReadAllBytesAsync(tilePath);
        var tilesAsked = 0;
        await Page.RouteAsync(TileServer + "/**", route =>
        {
            Interlocked.Increment(ref tilesAsked);
            return route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = tile });
        });
        var refused = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("Refused to load", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        await SignInAsync("mia", Roles.Supervisor, "west");

        await Page.GotoAsync($"/evidence/{_item}/watch?reason=Pursuit%20review");

        await Expect(Page.Locator("#track-map .leaflet-overlay-pane path.leaflet-interactive")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#track-map .leaflet-tile-loaded").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#track-map .leaflet-control-attribution")).ToContainTextAsync("Test tiles");
        Assert.That(tilesAsked, Is.GreaterThan(0));
        Assert.That(refused, Is.Empty);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "watch-track-map");
    }
}
