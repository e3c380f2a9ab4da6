using System.Globalization;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Texts a dock could upload that hold no media but name a video elsewhere on the server: unrestricted, ffprobe and
/// ffmpeg read each of them as that video.
/// </summary>
internal static class IndirectMedia
{
    public static string HlsPlaylist(string uri, int seconds) =>
        $"#EXTM3U\n#EXT-X-TARGETDURATION:{seconds}\n#EXTINF:{seconds},\n{uri}\n#EXT-X-ENDLIST\n";

    public static string DashManifest(string video, int seconds) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" type="static" mediaPresentationDuration="PT{seconds}S" minBufferTime="PT1S">
          <Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="100000" width="320" height="240">
            <BaseURL>{new Uri(video).AbsoluteUri}</BaseURL>
          </Representation></AdaptationSet></Period>
        </MPD>
        """;

    /// <summary>Cuts <paramref name="video"/> into fragments in <paramref name="folder"/> and names them, its header in #EXT-X-MAP.</summary>
    public static async Task<string> FragmentedHlsPlaylistAsync(string video, string folder, int seconds)
    {
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-nostdin", "-i", video, "-c", "copy", "-f", "hls", "-hls_segment_type", "fmp4",
            "-hls_time", seconds.ToString(CultureInfo.InvariantCulture), "-hls_playlist_type", "vod", Path.Combine(folder, "index.m3u8"));
        return $"#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:{seconds}\n#EXT-X-MAP:URI=\"{Path.Combine(folder, "init.mp4")}\"\n"
            + $"#EXTINF:{seconds},\n{Path.Combine(folder, "index0.m4s")}\n#EXT-X-ENDLIST\n";
    }
}
