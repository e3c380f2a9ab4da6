using System.Globalization;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Ledger;

public sealed class LedgerPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_auditor_sees_the_latest_signed_checkpoint_its_size_and_the_key_to_verify_it()
    {
        await SignInAsync("aud", Roles.Auditor);
        var checkpoint = await Api.WaitForCheckpointAsync();
        var key = await Api.CreateClient().GetStringAsync("/api/ledger/key");

        await Page.GotoAsync("/ledger");

        var covered = Page.Locator("dt:has-text('Entries covered') + dd");
        var shown = long.Parse((await covered.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.That(shown, Is.GreaterThanOrEqualTo(checkpoint.TreeSize));
        await Assertions.Expect(Page.Locator("pre[aria-labelledby=checkpoint-text]")).ToContainTextAsync($"\n{shown}\n");
        await Assertions.Expect(Page.Locator("pre[aria-labelledby=verifier-key]")).ToHaveTextAsync(key.Trim());
        await Assertions.Expect(Page.GetByText("bodycam verify log --server")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "ledger");
    }
}
