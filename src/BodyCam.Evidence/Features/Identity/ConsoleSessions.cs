using System.Security.Claims;
using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>
/// A person's console session: a cookie issued after sign-in, at the OIDC provider (code flow with PKCE) or, with no
/// provider configured, by the development sign-in. The session locks after <see cref="IdentitySettings.SessionIdle"/>
/// without a request (CJIS Security Policy 5.5.5); signing in, failing to and the session's end are custody events.
/// </summary>
public static class ConsoleSessions
{
    public const string CookieScheme = "Console";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    private const string LastActivity = "last-activity";

    /// <summary>Set on a request whose session was just locked, so the sign-in it is sent to can say why.</summary>
    public const string LockedKey = "bodycam.session-locked";

    /// <summary>How often a session's last activity is written back into its cookie: the idle lock is this precise.</summary>
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromSeconds(30);

    public static AuthenticationBuilder AddConsoleSessions(this AuthenticationBuilder authentication, IdentitySettings identity)
    {
        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "bodycam.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A shift at most; within it the idle lock ends the session first.
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.AccessDeniedPath = "/refused";
            cookie.Events.OnValidatePrincipal = context => LockWhenIdleAsync(context, identity.SessionIdle);
            cookie.Events.OnSigningIn = context =>
            {
                context.Properties.Items[LastActivity] = Now(context.HttpContext).ToString("O");
                return Task.CompletedTask;
            };
            // The API's content and poster reads accept the cookie, for a native video element; they answer as an API does.
            cookie.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        if (!identity.UsesLocalIssuer)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.Authority = identity.Authority;
                oidc.RequireHttpsMetadata = identity.RequireHttpsMetadata;
                oidc.ClientId = identity.ClientId;
                oidc.ClientSecret = identity.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.SignInScheme = CookieScheme;
                oidc.SignOutScheme = CookieScheme;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                // Userinfo's claims are dropped unless mapped: role and unit often come only from there (group claims).
                oidc.ClaimActions.MapJsonKey(identity.RoleClaim, identity.RoleClaim);
                oidc.ClaimActions.MapUniqueJsonKey(identity.UnitClaim, identity.UnitClaim);
                // The provider authenticates the person at every sign-in: its own single sign-on session would
                // otherwise undo an idle lock without a password (CJIS 5.5.5: access is re-established by authenticating).
                oidc.Prompt = OpenIdConnectPrompt.Login;
                oidc.SaveTokens = true;
                oidc.Scope.Clear();
                oidc.Scope.Add(OpenIdConnectScope.OpenIdProfile);
                oidc.Events.OnTicketReceived = context => SignInAsync(context, identity);
                oidc.Events.OnRemoteFailure = context => FailSignInAsync(context);
            });
        }
        return authentication;
    }

    /// <summary>
    /// The console's pages, and the API's media reads a native video or image element makes with the cookie; every
    /// other API request is authenticated by its own header only, so no cookie can carry a forged change to it. The
    /// tiled log (/log) is read by programs with a bearer token: a caller without one is answered 401, not sent to sign in.
    /// </summary>
    public static bool Serves(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/log"))
        {
            return false;
        }
        if (!request.Path.StartsWithSegments("/api", out var rest))
        {
            return true;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["evidence", var id, "content" or "poster"] && Guid.TryParse(id, out _);
    }

    /// <summary>The console's principal: subject, role and unit under the claim names the rest of the server reads.</summary>
    public static ClaimsPrincipal Person(string subject, string role, string? unit, string? name)
    {
        var claims = new List<Claim> { new(EvidenceClaims.Subject, subject), new(EvidenceClaims.Role, role) };
        if (!string.IsNullOrEmpty(unit))
        {
            claims.Add(new Claim(EvidenceClaims.Unit, unit));
        }
        claims.Add(new Claim(EvidenceClaims.Name, string.IsNullOrEmpty(name) ? subject : name));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme, EvidenceClaims.Name, EvidenceClaims.Role));
    }

    private static async Task SignInAsync(TicketReceivedContext context, IdentitySettings identity)
    {
        var provided = context.Principal!;
        var subject = provided.FindFirstValue(EvidenceClaims.Subject);
        // A group claim names other groups too; of the roles, exactly one, since each action is recorded under one (as the API's tokens).
        var roles = provided.FindAll(identity.RoleClaim).Select(claim => claim.Value).Where(Roles.People.Contains).Distinct().ToList();
        var role = roles is [var only] ? only : null;
        if (subject is null || role is null)
        {
            var why = subject is null
                ? "the provider sent no subject"
                : $"the account {subject} has {roles.Count} '{identity.RoleClaim}' claims naming one of {string.Join(", ", Roles.People)}; exactly one is required";
            await Mediator(context.HttpContext).Send(new RecordFailedSignIn(why));
            context.Response.Redirect($"{SignInPath}?failed=norole");
            context.HandleResponse();
            return;
        }
        var unit = provided.FindFirstValue(identity.UnitClaim);
        await Mediator(context.HttpContext).Send(new RecordSignIn(subject, role, unit, $"OpenID Connect sign-in at {identity.Authority}"));
        context.Principal = Person(subject, role, unit, provided.FindFirstValue(EvidenceClaims.Name));
    }

    private static async Task FailSignInAsync(RemoteFailureContext context)
    {
        await Mediator(context.HttpContext).Send(new RecordFailedSignIn(context.Failure?.Message ?? "the provider gave no reason"));
        context.Response.Redirect($"{SignInPath}?failed=provider");
        context.HandleResponse();
    }

    private static async Task LockWhenIdleAsync(CookieValidatePrincipalContext context, TimeSpan idle)
    {
        var now = Now(context.HttpContext);
        var last = context.Properties.Items.TryGetValue(LastActivity, out var stored) && DateTimeOffset.TryParse(stored, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
        if (now - last > idle)
        {
            // Recorded under the person whose session it was; the request itself goes on without one (the
            // authentication middleware leaves User as it finds it when the principal is rejected).
            var anonymous = context.HttpContext.User;
            context.HttpContext.User = context.Principal!;
            await Mediator(context.HttpContext).Send(new RecordSignOut($"session locked after {idle.TotalMinutes:0.##} minutes without activity"));
            context.HttpContext.User = anonymous;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            context.HttpContext.Items[LockedKey] = true;
            return;
        }
        if (now - last >= ActivityResolution)
        {
            context.Properties.Items[LastActivity] = now.ToString("O");
            context.ShouldRenew = true;
        }
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        var target = context.RedirectUri;
        if (context.HttpContext.Items.ContainsKey(LockedKey))
        {
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "locked=true";
        }
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static IMediator Mediator(HttpContext context) => context.RequestServices.GetRequiredService<IMediator>();
}
