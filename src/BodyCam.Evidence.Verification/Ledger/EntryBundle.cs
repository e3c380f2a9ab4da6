using System.Buffers.Binary;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// An entry bundle of a tiled log (c2sp.org/tlog-tiles, "Log entries"): consecutive entries, each a big-endian
/// uint16 length and that many bytes. The entries are exactly the bytes the leaf hashes commit to.
/// </summary>
public static class EntryBundle
{
    public const int MaxEntryLength = ushort.MaxValue;

    public static byte[] Encode(IReadOnlyList<byte[]> entries)
    {
        var bundle = new byte[entries.Sum(entry => 2 + entry.Length)];
        var at = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > MaxEntryLength)
            {
                throw new ArgumentException($"An entry bundle holds entries of at most {MaxEntryLength} bytes; one is {entry.Length}.", nameof(entries));
            }
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)entry.Length);
            entry.CopyTo(bundle, at + 2);
            at += 2 + entry.Length;
        }
        return bundle;
    }

    public static List<byte[]> Parse(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (bundle.Length > 0)
        {
            if (bundle.Length < 2 || bundle.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(bundle))
            {
                throw new InvalidDataException($"The entry bundle ends inside entry {entries.Count}.");
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }
        return entries;
    }
}
