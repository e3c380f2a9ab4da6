using System.Security.Claims;
using BodyCam.Evidence.Infrastructure.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// What a signed bearer token must say before the server acts on it and records custody under its name: one
/// subject, one expiry, one of the people's roles, at most one unit and one name, every claim text the custody
/// log can hold as it was sent. A token that says less or more is refused (401), and the custody event of the
/// refusal says which rule it broke: the signature proves who issued a token, not that its claims name one person
/// in one role.
/// </summary>
internal static class BearerTokenRules
{
    public const string Expiry = "exp";

    /// <summary>The custody log's actor column: a longer subject could not be recorded as it was sent.</summary>
    private const int MaxSubjectLength = 200;

    private const int MaxUnitLength = 100;
    private const int MaxNameLength = 100;

    public static void Apply(JwtBearerOptions options, TimeProvider clock)
    {
        // A token's lifetime is judged by the clock that stamps custody events, not a second one. A token without
        // an expiry passes here and is refused by the claim rules, whose refusal names the missing claim.
        options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore <= now + parameters.ClockSkew) && (expires is null || expires >= now - parameters.ClockSkew);
        };
        options.Events ??= new JwtBearerEvents();
        options.Events.OnTokenValidated = context =>
        {
            if (Refusal(context.Principal!) is { } refusal)
            {
                context.Fail(refusal);
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>Null when the token's claims may stand for a caller; otherwise why not.</summary>
    public static string? Refusal(ClaimsPrincipal token)
    {
        string[] Values(string claim) => [.. token.FindAll(claim).Select(c => c.Value)];

        var subjects = Values(EvidenceClaims.Subject);
        var roles = Values(EvidenceClaims.Role);
        var units = Values(EvidenceClaims.Unit);
        var names = Values(EvidenceClaims.Name);
        return (subjects, Values(Expiry), roles) switch
        {
            ([], _, _) => "The token has no 'sub' claim: every action is recorded under the caller's subject.",
            ({ Length: > 1 }, _, _) => $"The token has {subjects.Length} 'sub' claims; exactly one is required.",
            ([var subject], _, _) when string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength =>
                $"The token's 'sub' claim must be 1-{MaxSubjectLength} characters, not only spaces.",
            ([var subject], _, _) when FreeText.Refusal(subject) is { } refusal => $"The token's 'sub' claim is refused: {refusal}",
            (_, [], _) => "The token has no 'exp' claim: tokens that never expire are refused.",
            (_, { Length: > 1 }, _) => "The token has more than one 'exp' claim.",
            (_, _, []) => $"The token has no 'role' claim; it must name one of {string.Join(", ", Roles.People)}.",
            (_, _, { Length: > 1 }) => $"The token's 'role' claim has {roles.Length} values; exactly one role is required, since each action is recorded under one.",
            (_, _, [var role]) when !Roles.People.Contains(role, StringComparer.Ordinal) =>
                $"The token's 'role' claim must be one of {string.Join(", ", Roles.People)}.",
            _ => Optional(EvidenceClaims.Unit, units, MaxUnitLength) ?? Optional(EvidenceClaims.Name, names, MaxNameLength),
        };
    }

    private static string? Optional(string claim, string[] values, int maxLength) => values switch
    {
        [] => null,
        { Length: > 1 } => $"The token has {values.Length} '{claim}' claims; at most one is allowed.",
        [var value] when string.IsNullOrWhiteSpace(value) || value.Length > maxLength =>
            $"The token's '{claim}' claim must be 1-{maxLength} characters, not only spaces.",
        [var value] => FreeText.Refusal(value) is { } refusal ? $"The token's '{claim}' claim is refused: {refusal}" : null,
    };
}
