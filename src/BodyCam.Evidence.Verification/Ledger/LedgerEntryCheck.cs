using System.Text.Json;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>What a verifier checks of one log entry before it trusts its leaf hash.</summary>
public static class LedgerEntryCheck
{
    /// <summary>
    /// Null when the entry at <paramref name="index"/> holds: its leaf hash is the hash of its bytes, the bytes
    /// are a canonical custody entry with that sequence, and <paramref name="recorded"/> (what the server shows
    /// for it, if given) encodes to exactly those bytes. Otherwise, what is wrong.
    /// </summary>
    public static string? Problem(long index, byte[] entry, byte[] leafHash, CustodyEntry? recorded)
    {
        if (!MerkleHash.Leaf(entry).AsSpan().SequenceEqual(leafHash))
        {
            return "its leaf hash is not the hash of its entry bytes";
        }
        CustodyEntry decoded;
        try
        {
            decoded = CustodyEntry.FromCanonicalBytes(entry);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return "its entry bytes are not a custody entry";
        }
        if (decoded.Sequence != index)
        {
            return $"its entry bytes say sequence {decoded.Sequence}";
        }
        if (!decoded.ToCanonicalBytes().AsSpan().SequenceEqual(entry))
        {
            return "its entry bytes are not in canonical form";
        }
        if (recorded is not null && !recorded.ToCanonicalBytes().AsSpan().SequenceEqual(entry))
        {
            return "the event as stored now differs from the entry its leaf committed to";
        }
        return null;
    }
}
