using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Where the next page of a search starts: after the last item the previous page listed, by its sort key
/// (recorded at, id). The cursor carries that key and a check over the key and the search's filters, so an edited
/// cursor, or one reused with other filters, is refused instead of answered. The check is not a secret and needs
/// none: whatever the cursor says, the caller sees only what their scope allows.
/// </summary>
internal static class EvidenceSearchCursor
{
    private const byte Version = 1;
    private const int GuidLength = 16;
    private const int CheckLength = 16;
    private const int KeyLength = sizeof(long) + GuidLength;
    private const int Length = 1 + KeyLength + CheckLength;

    public sealed record Key(DateTimeOffset RecordedAt, Guid Id);

    public static string After(DateTimeOffset recordedAt, Guid id, EvidenceSearchFilter filter)
    {
        Span<byte> cursor = stackalloc byte[Length];
        cursor[0] = Version;
        WriteKey(recordedAt.UtcTicks, id, cursor.Slice(1, KeyLength));
        Check(cursor.Slice(1, KeyLength), filter, cursor[(1 + KeyLength)..]);
        return Base64Url.EncodeToString(cursor);
    }

    public static bool TryRead(string cursor, EvidenceSearchFilter filter, out Key? key)
    {
        key = null;
        Span<byte> bytes = stackalloc byte[Length];
        if (cursor.Length != Base64Url.GetEncodedLength(Length)
            || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != OperationStatus.Done
            || written != Length
            || bytes[0] != Version)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[CheckLength];
        Check(bytes.Slice(1, KeyLength), filter, expected);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        // Base64url leaves spare bits in the last character; only the one spelling this class writes is a cursor.
        if (!expected.SequenceEqual(bytes[(1 + KeyLength)..]) || ticks is < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks
            || Base64Url.EncodeToString(bytes) != cursor)
        {
            return false;
        }
        key = new Key(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.Slice(1 + sizeof(long), GuidLength), bigEndian: true));
        return true;
    }

    /// <summary>The key after which the search continues; null, the start, without a cursor.</summary>
    public static Key? Parse(string? cursor, EvidenceSearchFilter filter) =>
        string.IsNullOrEmpty(cursor) ? null
        : TryRead(cursor, filter, out var key) ? key
        : throw new InvalidOperationException("The search was not validated.");

    private static void WriteKey(long ticks, Guid id, Span<byte> key)
    {
        BinaryPrimitives.WriteInt64BigEndian(key, ticks);
        id.TryWriteBytes(key[sizeof(long)..], bigEndian: true, out _);
    }

    private static void Check(ReadOnlySpan<byte> key, EvidenceSearchFilter filter, Span<byte> check)
    {
        var filters = Encoding.UTF8.GetBytes($"bodycam evidence-search cursor v{Version}\n{filter.ToCanonicalString()}\n");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData([.. filters, .. key], hash);
        hash[..CheckLength].CopyTo(check);
    }
}
