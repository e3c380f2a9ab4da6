using System.Buffers.Text;
using System.Security.Cryptography;

namespace BodyCam.Evidence.Domain.Docks;

/// <summary>
/// A short-lived token a dock exchanged its key for (Swift auth v1.0). Only the token's hash is kept, as for keys.
/// </summary>
public sealed class DockToken
{
    private const string TokenPrefix = "bcat_";

    private DockToken()
    {
    }

    public required string TokenSha256 { get; init; }
    public Guid DockId { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }

    public static (DockToken Token, string Value) Issue(Guid dockId, DateTimeOffset now, TimeSpan lifetime)
    {
        var value = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new DockToken { TokenSha256 = Dock.HashKey(value), DockId = dockId, ExpiresAt = now + lifetime }, value);
    }
}
