using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BodyCam.Evidence.Domain.Custody;

/// <summary>
/// UUIDv7 ids that increase in the order this process creates them (RFC 9562 §6.2, method 1: a 12-bit counter in
/// rand_a; a full counter moves the timestamp on). The log integrates committed events in id order, so the events a
/// unit of work records keep their order in the log.
/// </summary>
internal static class CustodyEventId
{
    private const int CounterBits = 12;
    private static readonly Lock Gate = new();
    private static long s_last;

    public static Guid Next()
    {
        long stamp;
        lock (Gate)
        {
            s_last = Math.Max(s_last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << CounterBits);
            stamp = s_last;
        }
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        var milliseconds = stamp >> CounterBits;
        var counter = (int)(stamp & ((1 << CounterBits) - 1));
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], (ushort)(0x7000 | counter));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
