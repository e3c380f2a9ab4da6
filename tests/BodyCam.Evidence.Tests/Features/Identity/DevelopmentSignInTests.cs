using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Identity;

public sealed class DevelopmentSignInTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_person_signs_in_sees_their_role_and_signs_out_each_recorded_in_custody()
    {
        var subject = "sam-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(subject, Roles.Supervisor, "north");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "console-start");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("You are signed out.")).ToBeVisibleAsync();

        await using var db = Api.OpenDb();
        var actions = await db.CustodyEvents.Where(e => e.ActorId == subject).Select(e => e.Action).ToListAsync();
        Assert.That(actions, Is.EqualTo(new[] { CustodyAction.SignedIn, CustodyAction.SignedOut }));
    }

    [Test]
    public async Task A_page_without_a_session_sends_the_browser_to_sign_in_and_back()
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?ReturnUrl=%2F$"));
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "sign-in-development");
    }
}
