using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Identity;

/// <summary>A confidential client (a secret besides PKCE) at a provider that names role and unit in claims of its own.</summary>
public sealed class OpenIdClaimMappingPageTests(ApiProfile profile) : OpenIdConsoleTests(profile)
{
    protected override bool Confidential => true;

    protected override (string Key, string Value)[] Settings => [("Identity:RoleClaim", "groups"), ("Identity:UnitClaim", "division")];

    [Test]
    public async Task Role_and_unit_are_read_from_the_configured_claims()
    {
        await SignInAtProviderAsync(OpenIdProvider.WithRoleAndUnitUnderOtherClaims);

        await Assertions.Expect(Page.GetByText("Signed in as Gil Groups, Supervisor, unit south.")).ToBeVisibleAsync();
        await using var db = Api.OpenDb();
        var signIn = await db.CustodyEvents.SingleAsync(e => e.ActorId == "gil" && e.Action == CustodyAction.SignedIn);
        Assert.That(signIn.ActorRole, Is.EqualTo("Supervisor"));
        Assert.That(signIn.Reason, Does.Contain("unit south"));
    }
}
