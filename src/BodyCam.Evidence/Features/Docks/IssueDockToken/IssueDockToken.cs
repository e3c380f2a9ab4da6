using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Docks;

/// <summary>
/// A dock exchanges its id and key for a short-lived token (the Swift auth v1.0 handshake of Axis body worn
/// systems). Wrong or missing credentials are refused with 401, and the attempt is a custody event.
/// </summary>
public sealed record IssueDockToken(string? DockId, string? Key) : ICommand<IssuedDockToken>;

public sealed record IssuedDockToken(Guid DockId, string Token, DateTimeOffset ExpiresAt);

internal sealed class IssueDockTokenHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<IssueDockToken, IssuedDockToken>
{
    public async ValueTask<IssuedDockToken> Handle(IssueDockToken command, CancellationToken cancellationToken)
    {
        var dock = Guid.TryParse(command.DockId, out var dockId) && !string.IsNullOrEmpty(command.Key)
            ? await db.Docks.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dockId, cancellationToken)
            : null;
        if (dock is null || !dock.Active || dock.KeySha256 != Dock.HashKey(command.Key!))
        {
            var who = command.DockId is { Length: > 0 } id ? $"as dock '{FreeText.Quote(Truncate(id))}'" : "without a user name";
            throw await db.RefuseAuthenticationAsync(
                caller.Actor, $"Swift auth {who}: credentials missing, unknown or wrong", "X-Auth-User and X-Auth-Key do not name an active dock.", cancellationToken);
        }

        var now = clock.GetUtcNow();
        await db.DockTokens.Where(t => t.DockId == dock.Id && t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var (token, value) = DockToken.Issue(dock.Id, now, settings.Axis.TokenLifetime);
        db.DockTokens.Add(token);
        return new IssuedDockToken(dock.Id, value, token.ExpiresAt);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];
}
