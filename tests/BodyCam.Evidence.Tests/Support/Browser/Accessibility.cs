using System.Text.Json;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>axe-core (npm, installed by deploy/local) run inside the page against WCAG 2.1 A and AA.</summary>
internal static class Accessibility
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> AxeScript = new(() =>
        File.ReadAllText(Path.Combine(LocalServices.RepositoryRoot, "deploy", "local", "node", "node_modules", "axe-core", "axe.min.js")));

    public static async Task<IReadOnlyList<AxeViolation>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a <script>, so the page's
        // Content-Security-Policy cannot refuse it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeScript.Value);
        }
        var results = await page.EvaluateAsync<JsonElement>(
            "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })", Tags);
        return [.. results.GetProperty("violations").EnumerateArray().Select(AxeViolation.From)];
    }

    /// <summary>Fails listing every violation: rule, impact, what it asks and the selectors of the elements at fault.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.That(violations, Is.Empty, () =>
            $"{violations.Count} WCAG 2.1 A/AA violation(s) on {page.Url}:\n" + string.Join('\n', violations));
    }
}

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public static AxeViolation From(JsonElement violation) => new(
        violation.GetProperty("id").GetString()!,
        violation.GetProperty("impact").GetString() ?? "unknown",
        violation.GetProperty("help").GetString()!,
        violation.GetProperty("helpUrl").GetString()!,
        [.. violation.GetProperty("nodes").EnumerateArray().Select(node => Selector(node.GetProperty("target")))]);

    public override string ToString() => $"- {Id} ({Impact}): {Help} at {string.Join(", ", Targets)} — {HelpUrl}";

    // A target is a list of selectors, one per frame or shadow root on the way to the element.
    private static string Selector(JsonElement target) =>
        string.Join(" >> ", target.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText()));
}
