using System.Security.Cryptography;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>Tree hashing of RFC 9162 §2.1, with the domain-separation prefixes that stop a leaf passing as a node.</summary>
public static class MerkleHash
{
    public const int Size = SHA256.HashSizeInBytes;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    public static byte[] EmptyTree() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([LeafPrefix]);
        sha.AppendData(entry);
        return sha.GetHashAndReset();
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([NodePrefix]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The node over two children of <see cref="Size"/> bytes each, into <paramref name="destination"/>, allocating nothing.</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"A tree node's children are {Size}-byte hashes.");
        }
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        SHA256.HashData(input, destination);
    }
}
