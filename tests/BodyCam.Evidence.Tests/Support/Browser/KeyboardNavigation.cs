using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>Moves focus the way a keyboard user does, so a test proves a flow needs no mouse.</summary>
internal static class KeyboardNavigation
{
    private const string DescribeFocused = """
        () => {
          const element = document.activeElement;
          if (!element || element === document.body) return '(nothing focused)';
          const name = element.getAttribute('aria-label') || element.innerText?.trim().slice(0, 40) || element.getAttribute('name') || '';
          return element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (name ? ` "${name}"` : '');
        }
        """;

    /// <summary>Presses Tab until <paramref name="target"/> has focus; fails after <paramref name="maxPresses"/>, listing where focus went.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 40)
    {
        var element = await target.ElementHandleAsync();
        var visited = new List<string>();
        for (var press = 0; press < maxPresses; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("element => element === document.activeElement", element))
            {
                return;
            }
            visited.Add(await page.EvaluateAsync<string>(DescribeFocused));
        }
        Assert.Fail($"{target} was not reached in {maxPresses} presses of Tab; focus went to:\n{string.Join('\n', visited)}");
    }
}
