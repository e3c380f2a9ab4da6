using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// The package's <c>index.html</c>: one file with its style inline and no script, readable from any web server or
/// from the disk. It plays each clip, tells the incident as the agency describes it, lays out the release timeline,
/// and gives every hash a reader needs to check the files against <c>SHA256SUMS</c> and the export packages.
/// </summary>
internal static class ReleaseIndexPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
        h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
        video{width:100%;max-width:48rem;background:#000}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
        code{font-family:ui-monospace,monospace;word-break:break-all}
        a{color:#0b4f9c}
        """;

    public static string Html(ReleaseCaseView view, IReadOnlyList<ReleasedClip> clips)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(view.Title)} · public release</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>{E(view.Title)}</h1>
            <p>{E(view.Description).ReplaceLineEndings("<br>")}</p>
            <p>Incident: {Time(view.IncidentAt)}. Released under {E(view.RuleTitle ?? view.Rule)}.</p>
            """);
        foreach (var clip in clips)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <section aria-labelledby="clip-{clip.Number}">
                <h2 id="clip-{clip.Number}">Video {clip.Number}</h2>
                <video controls preload="metadata" src="{clip.ClipFile}" aria-labelledby="clip-{clip.Number}">
                <a href="{clip.ClipFile}">Download video {clip.Number} ({clip.ClipBytes} bytes)</a>
                </video>
                <p>{Redactions(clip)} <a href="{clip.ClipFile}">Download video {clip.Number}</a> ·
                <a href="{clip.ExportFile}">its verifiable export package</a>.</p>
                </section>
                """);
        }
        html.Append("""
            <h2>Release timeline</h2>
            <ol>
            """);
        foreach (var entry in view.Timeline)
        {
            var by = entry.By is null ? "" : $" ({E(entry.By)})";
            var detail = entry.Detail is null ? "" : $": {E(entry.Detail)}";
            html.Append(CultureInfo.InvariantCulture, $"<li>{Time(entry.At)} — {E(entry.Event)}{by}{detail}</li>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            </ol>
            <p>Due by the rule on {view.OriginalDueOn:yyyy-MM-dd}{(view.Extensions > 0 ? $", extended {(view.Extensions == 1 ? "once" : $"{view.Extensions} times")} to {view.DueOn:yyyy-MM-dd}" : "")}.</p>
            <h2>Checking these files</h2>
            <p>Each file's SHA-256 is listed in <a href="{ReleasePackage.Sums}">{ReleasePackage.Sums}</a> (check with <code>sha256sum -c {ReleasePackage.Sums}</code>).
            Each export package holds its clip, the custody events of the recording it was cut from, and their proofs against the
            agency's signed custody log. To check one in a browser, with no network, save it and <a href="{ExportPackageFiles.VerifyPage}">{ExportPackageFiles.VerifyPage}</a>,
            open the page from the disk and drop the package on it; or run <code>bodycam verify export</code> on it.</p>
            <table>
            <caption>The released videos and the recordings they were cut from</caption>
            <thead><tr><th scope="col">Video</th><th scope="col">Size (bytes)</th><th scope="col">Video SHA-256</th><th scope="col">Source recording SHA-256 (verified on receipt)</th></tr></thead>
            <tbody>
            """);
        foreach (var clip in clips)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\"><a href=\"{clip.ClipFile}\">{clip.ClipFile}</a></th><td>{clip.ClipBytes}</td><td><code>{clip.ClipSha256}</code></td><td><code>{clip.SourceSha256}</code></td></tr>\n");
        }
        html.Append("""
            </tbody>
            </table>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string Redactions(ReleasedClip clip) => string.Create(CultureInfo.InvariantCulture,
        $"{clip.Clip.StartSeconds:0.###}–{clip.Clip.EndSeconds:0.###} s of the recording{(clip.Clip.Redactions > 0 ? $", with {clip.Clip.Redactions} redactions" : "")}{(clip.Clip.Watermarked ? ", watermarked" : "")}.");

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
