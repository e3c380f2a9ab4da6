using System.Buffers.Text;
using System.Security.Cryptography;

namespace BodyCam.Evidence.Domain.Docks;

/// <summary>A docking station: a machine principal that uploads recordings with its own API key.</summary>
public sealed class Dock
{
    private const string KeyPrefix = "bcdk_";

    private Dock()
    {
    }

    public Guid Id { get; private init; }
    public required string Name { get; init; }
    public string? Site { get; init; }
    public required string KeySha256 { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    public bool Active { get; init; } = true;

    /// <summary>Creates a dock and its key. The key is returned once; only its hash is kept.</summary>
    public static (Dock Dock, string Key) Register(string name, string? site, string registeredBy, DateTimeOffset now)
    {
        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var dock = new Dock
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Site = site,
            KeySha256 = HashKey(key),
            RegisteredAt = now,
            RegisteredBy = registeredBy,
        };
        return (dock, key);
    }

    /// <summary>A plain SHA-256 suffices: the key carries 256 random bits, so there is nothing to brute-force.</summary>
    public static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
