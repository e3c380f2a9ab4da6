using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BodyCam.Evidence.Features.Audit;

/// <summary>
/// Where the next page of a search starts: after the last index the previous page listed. The cursor carries
/// that index and a check over the index and the search's filters, so an edited cursor, or one reused with other
/// filters (which would silently skip whatever the new filters match before it), is refused instead of answered.
/// The check is not a secret and needs none: a cursor lets nobody read what their role does not already allow.
/// </summary>
internal static class AuditTrailCursor
{
    private const byte Version = 1;
    private const int CheckLength = 16;
    private const int Length = 1 + sizeof(long) + CheckLength;

    public static string After(long index, AuditTrailFilter filter)
    {
        Span<byte> cursor = stackalloc byte[Length];
        cursor[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(cursor[1..], index);
        Check(index, filter, cursor[(1 + sizeof(long))..]);
        return Base64Url.EncodeToString(cursor);
    }

    public static bool TryRead(string cursor, AuditTrailFilter filter, out long index)
    {
        index = -1;
        Span<byte> bytes = stackalloc byte[Length];
        if (cursor.Length != Base64Url.GetEncodedLength(Length)
            || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != OperationStatus.Done
            || written != Length
            || bytes[0] != Version)
        {
            return false;
        }
        var candidate = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        Span<byte> expected = stackalloc byte[CheckLength];
        Check(candidate, filter, expected);
        // Base64url leaves spare bits in the last character; only the one spelling this class writes is a cursor.
        if (candidate < 0 || !expected.SequenceEqual(bytes[(1 + sizeof(long))..]) || Base64Url.EncodeToString(bytes) != cursor)
        {
            return false;
        }
        index = candidate;
        return true;
    }

    /// <summary>The index after which the search continues: -1, before the first event, without a cursor.</summary>
    public static long Parse(string? cursor, AuditTrailFilter filter) =>
        string.IsNullOrEmpty(cursor) ? -1
        : TryRead(cursor, filter, out var index) ? index
        : throw new InvalidOperationException("The search was not validated.");

    private static void Check(long index, AuditTrailFilter filter, Span<byte> check)
    {
        var input = Encoding.UTF8.GetBytes($"bodycam audit-trail cursor v{Version}\n{index}\n{filter.ToCanonicalString()}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        hash[..CheckLength].CopyTo(check);
    }
}
