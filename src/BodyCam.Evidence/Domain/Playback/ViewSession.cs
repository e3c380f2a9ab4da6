using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;

namespace BodyCam.Evidence.Domain.Playback;

/// <summary>
/// One person watching one item for one reason from one address: the content requests of a player (a first
/// request, then a range per seek or buffer refill) within an idle window of each other. The row is written before
/// the first byte is served and holds the coalesced byte ranges served so far; closing it writes the single
/// <c>ContentViewed</c> custody event. At most one session per <see cref="Key"/> is open at a time.
/// </summary>
public sealed class ViewSession
{
    private ViewSession()
    {
    }

    public Guid Id { get; private init; }

    /// <summary>SHA-256 of viewer, item, reason and client address: what makes a later request part of this session.</summary>
    public required string Key { get; init; }

    public Guid EvidenceId { get; private init; }
    public required string ContentSha256 { get; init; }
    public long ContentLength { get; private init; }
    public required string ActorId { get; init; }
    public ActorKind ActorKind { get; private init; }
    public string? ActorRole { get; private init; }
    public string? ClientIp { get; private init; }
    public required string Reason { get; init; }
    public DateTimeOffset OpenedAt { get; private init; }
    public DateTimeOffset LastRequestAt { get; private set; }
    public int Requests { get; private set; }

    /// <summary>Inclusive byte ranges, ascending, neither overlapping nor adjacent: <c>0-499,1000-1999</c>.</summary>
    public string ServedRanges { get; private set; } = "";

    public DateTimeOffset? ClosedAt { get; private set; }

    public Actor Viewer => new(ActorId, ActorKind, ActorRole, ClientIp);

    public static string KeyOf(Actor viewer, Guid evidenceId, string reason) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[] { viewer.Id, evidenceId, reason, viewer.ClientIp }))));

    public static ViewSession Open(Actor viewer, Guid evidenceId, string contentSha256, long contentLength, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = KeyOf(viewer, evidenceId, reason),
        EvidenceId = evidenceId,
        ContentSha256 = contentSha256,
        ContentLength = contentLength,
        ActorId = viewer.Id,
        ActorKind = viewer.Kind,
        ActorRole = viewer.Role,
        ClientIp = viewer.ClientIp,
        Reason = reason,
        OpenedAt = now,
        LastRequestAt = now,
    };

    public bool IsIdle(DateTimeOffset now, TimeSpan idle) => now - LastRequestAt >= idle;

    /// <summary>Adds what <paramref name="requests"/> requests, the last at <paramref name="lastRequestAt"/>, are about to serve.</summary>
    public void Serve(IEnumerable<ByteRange> ranges, int requests, DateTimeOffset lastRequestAt)
    {
        ServedRanges = ByteRange.Add(ServedRanges, ranges);
        LastRequestAt = lastRequestAt > LastRequestAt ? lastRequestAt : LastRequestAt;
        Requests += requests;
    }

    public void Close(DateTimeOffset now) => ClosedAt = now;
}
