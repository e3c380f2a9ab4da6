namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>The bytes of a tlog-tiles resource at <paramref name="path"/>, relative to the log's prefix (e.g. <c>tile/0/x001/234.p/7</c>).</summary>
public delegate Task<byte[]> TileFetcher(string path, CancellationToken cancellationToken);

/// <summary>
/// Tree hashes and proofs of a tiled log (c2sp.org/tlog-tiles) recomputed from its hash tiles, for a tree size a
/// verified checkpoint names. Nothing read is trusted: a tile that lies yields a root or proof that does not verify
/// against the checkpoint. The tiles one answer needs are fetched together.
/// </summary>
public sealed class TileReader(TileFetcher fetch)
{
    public async Task<byte[]> RootHashAsync(long treeSize, CancellationToken cancellationToken) =>
        (await RangeHashesAsync([new TreeRange(0, treeSize)], treeSize, cancellationToken))[0];

    /// <summary>RFC 9162 §2.1.3.1 inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    public Task<List<byte[]>> InclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken) =>
        RangeHashesAsync(ProofPlan.Inclusion(index, treeSize), treeSize, cancellationToken);

    /// <summary>RFC 9162 §2.1.4.1 consistency proof between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> entries.</summary>
    public Task<List<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        RangeHashesAsync(ProofPlan.Consistency(oldSize, newSize), newSize, cancellationToken);

    /// <summary>
    /// The entries of bundle <paramref name="index"/> as far as the tree of <paramref name="treeSize"/> entries holds
    /// them, each checked against its leaf hash in the level-0 tile (check that tile with <see cref="RootHashAsync"/>
    /// or a proof against the checkpoint).
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> EntriesAsync(long index, long treeSize, CancellationToken cancellationToken)
    {
        var width = TilePath.WidthIn(treeSize, 0, index);
        if (width == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"A tree of {treeSize} entries has no entry bundle {index}.");
        }
        var path = TilePath.EntryBundle(index, width);
        var bundle = fetch(path, cancellationToken);
        var leaves = await HashTileAsync(0, index, width, cancellationToken);
        var entries = EntryBundle.Parse(await bundle);
        if (entries.Count != width)
        {
            throw new InvalidDataException($"The entry bundle {path} holds {entries.Count} entries, not {width}.");
        }
        for (var i = 0; i < width; i++)
        {
            if (!MerkleHash.Leaf(entries[i]).AsSpan().SequenceEqual(leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size)))
            {
                throw new InvalidDataException($"Entry {index * TilePath.FullWidth + i} of {path} does not hash to its leaf in the level-0 tile.");
            }
        }
        return entries;
    }

    /// <summary>
    /// The tree hash of each range from the tiles of the tree of <paramref name="treeSize"/> entries. A range is a few
    /// complete subtrees (<see cref="TreeRange.CompleteSubtrees"/>); one of level k is 2^(k mod 8) consecutive hashes
    /// of one tile at level floor(k/8), hashed up.
    /// </summary>
    public async Task<List<byte[]>> RangeHashesAsync(IReadOnlyList<TreeRange> ranges, long treeSize, CancellationToken cancellationToken)
    {
        var subtrees = ranges.Select(range =>
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(range.End, treeSize, nameof(ranges));
            return range.CompleteSubtrees();
        }).ToList();
        var tiles = subtrees.SelectMany(parts => parts).Distinct().Select(subtree => TileOf(subtree, treeSize)).Distinct().ToList();
        var fetched = await Task.WhenAll(tiles.Select(tile => HashTileAsync(tile.Level, tile.Index, tile.Width, cancellationToken)));
        var byTile = tiles.Zip(fetched).ToDictionary(pair => pair.First, pair => pair.Second);
        return [.. subtrees.Select(parts => TreeRange.Fold([.. parts.Select(subtree => SubtreeHash(subtree, byTile[TileOf(subtree, treeSize)]))]))];
    }

    private static TileCoordinates TileOf((int Level, long Index) subtree, long treeSize)
    {
        var tileLevel = subtree.Level / TilePath.Height;
        var first = subtree.Index << (subtree.Level % TilePath.Height);
        var index = first / TilePath.FullWidth;
        return new TileCoordinates(tileLevel, index, TilePath.WidthIn(treeSize, tileLevel, index));
    }

    private static byte[] SubtreeHash((int Level, long Index) subtree, byte[] tile)
    {
        var height = subtree.Level % TilePath.Height;
        var offset = (int)((subtree.Index << height) % TilePath.FullWidth);
        var hashes = Enumerable.Range(offset, 1 << height).Select(i => tile.AsSpan(i * MerkleHash.Size, MerkleHash.Size).ToArray()).ToList();
        while (hashes.Count > 1)
        {
            hashes = [.. Enumerable.Range(0, hashes.Count / 2).Select(i => MerkleHash.Node(hashes[2 * i], hashes[2 * i + 1]))];
        }
        return hashes[0];
    }

    private async Task<byte[]> HashTileAsync(int level, long index, int width, CancellationToken cancellationToken)
    {
        var path = TilePath.HashTile(level, index, width);
        var tile = await fetch(path, cancellationToken);
        return tile.Length == width * MerkleHash.Size
            ? tile
            : throw new InvalidDataException($"The tile {path} is {tile.Length} bytes, not {width} hashes of {MerkleHash.Size}.");
    }
}
