using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>Tile paths as c2sp.org/tlog-tiles writes them, and trees recomputed from tiles built by the specification's formula.</summary>
public sealed class TileReaderTests
{
    private const int LargestTree = 70_000;

    private static readonly byte[][] Leaves =
        [.. Enumerable.Range(0, LargestTree).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i)))];

    [TestCase(0L, "000")]
    [TestCase(5L, "005")]
    [TestCase(999L, "999")]
    [TestCase(1000L, "x001/000")]
    [TestCase(1234067L, "x001/x234/067")]
    [TestCase(long.MaxValue, "x009/x223/x372/x036/x854/x775/807")]
    public void An_index_is_written_in_three_digit_elements_all_but_the_last_prefixed_with_x(long index, string encoded)
    {
        Assert.That(TilePath.EncodeIndex(index), Is.EqualTo(encoded));
        Assert.That(TilePath.ParseEntryBundle(encoded), Is.EqualTo(new TileCoordinates(0, index, 256)));
    }

    [Test]
    public void Paths_of_full_and_partial_tiles_and_bundles_are_the_specifications()
    {
        Assert.That(TilePath.HashTile(0, 1234067), Is.EqualTo("tile/0/x001/x234/067"));
        Assert.That(TilePath.HashTile(2, 1, 17), Is.EqualTo("tile/2/001.p/17"));
        Assert.That(TilePath.EntryBundle(273, 112), Is.EqualTo("tile/entries/273.p/112"));
        Assert.That(TilePath.ParseHashTile("1/x001/x234/067.p/255"), Is.EqualTo(new TileCoordinates(1, 1234067, 255)));
        Assert.That(TilePath.ParseHashTile("63/000"), Is.EqualTo(new TileCoordinates(63, 0, 256)));
    }

    [TestCase("0/1", "index")]
    [TestCase("0/0001", "index")]
    [TestCase("0/x000/001", "index")]
    [TestCase("0/001/002", "index")]
    [TestCase("0/x01/002", "index")]
    [TestCase("0/000/", "index")]
    [TestCase("0", "index")]
    [TestCase("0/x009/x223/x372/x036/x854/x775/808", "index")]
    [TestCase("00/000", "level")]
    [TestCase("64/000", "level")]
    [TestCase("-1/000", "level")]
    [TestCase("", "level")]
    [TestCase("0/000.p/0", "width")]
    [TestCase("0/000.p/256", "width")]
    [TestCase("0/000.p/017", "width")]
    [TestCase("0/000.p/", "width")]
    public void A_path_that_is_not_the_one_way_of_writing_a_tile_names_the_wrong_part(string path, string part)
    {
        Assert.That(TilePath.TryParseHashTile(path, out _, out var problem), Is.False);
        Assert.That(problem!.Part, Is.EqualTo(part), problem.Message);
    }

    [Test]
    public void A_tree_of_70000_entries_has_the_tiles_the_specification_lists()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TilePath.WidthIn(70_000, 0, 272), Is.EqualTo(256));
            Assert.That(TilePath.WidthIn(70_000, 0, 273), Is.EqualTo(112));
            Assert.That(TilePath.WidthIn(70_000, 0, 274), Is.Zero);
            Assert.That(TilePath.WidthIn(70_000, 1, 0), Is.EqualTo(256));
            Assert.That(TilePath.WidthIn(70_000, 1, 1), Is.EqualTo(17));
            Assert.That(TilePath.WidthIn(70_000, 2, 0), Is.EqualTo(1));
            Assert.That(TilePath.WidthIn(70_000, 3, 0), Is.Zero);
            Assert.That(TilePath.WidthIn(256, 1, 0), Is.EqualTo(1));
            Assert.That(TilePath.WidthIn(256, 0, 1), Is.Zero);
            Assert.That(TilePath.WidthIn(long.MaxValue, 63, 0), Is.Zero);
            Assert.That(TilePath.WidthIn(70_000, 0, long.MaxValue), Is.Zero);
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(255)]
    [TestCase(256)]
    [TestCase(257)]
    [TestCase(511)]
    [TestCase(65_536)]
    [TestCase(65_537)]
    [TestCase(LargestTree)]
    public async Task Roots_and_proofs_recomputed_from_tiles_equal_the_reference_tree(int size)
    {
        var fetched = new List<string>();
        var reader = new TileReader(TilesOf(size, fetched));

        Assert.That(await reader.RootHashAsync(size, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(Leaves[..size])));
        foreach (var index in new[] { 0, size / 2, size - 1 })
        {
            Assert.That(await reader.InclusionProofAsync(index, size, CancellationToken.None), Is.EqualTo(MerkleTree.InclusionProof(Leaves[..size], index)), $"index {index}");
        }
        foreach (var oldSize in new[] { 1, size / 3, size - 1 }.Where(s => s > 0))
        {
            Assert.That(await reader.ConsistencyProofAsync(oldSize, size, CancellationToken.None), Is.EqualTo(MerkleTree.ConsistencyProof(Leaves[..size], oldSize)), $"from {oldSize}");
        }
        Assert.That(fetched, Is.All.Matches<string>(path => WidthOf(path) <= TilePath.WidthIn(size, LevelOf(path), IndexOf(path))), "no tile wider than the tree");
    }

    [Test]
    public async Task The_root_of_65537_entries_is_read_from_the_level_2_tile_and_the_last_level_0_tile()
    {
        var fetched = new List<string>();

        await new TileReader(TilesOf(65_537, fetched)).RootHashAsync(65_537, CancellationToken.None);

        Assert.That(fetched, Is.EquivalentTo(new[] { "tile/2/000.p/1", "tile/0/256.p/1" }));
    }

    [Test]
    public async Task A_changed_hash_in_a_tile_changes_the_root()
    {
        var honest = TilesOf(300, []);
        var reader = new TileReader(async (path, ct) =>
        {
            var tile = await honest(path, ct);
            if (path == "tile/0/001.p/44")
            {
                tile[5] ^= 1;
            }
            return tile;
        });

        Assert.That(await reader.RootHashAsync(300, CancellationToken.None), Is.Not.EqualTo(MerkleTree.RootHash(Leaves[..300])));
    }

    [Test]
    public void A_tile_of_the_wrong_length_is_refused_by_name()
    {
        var reader = new TileReader((path, _) => Task.FromResult(new byte[31]));

        Assert.That(() => reader.RootHashAsync(3, CancellationToken.None), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("tile/0/000.p/3"));
    }

    [Test]
    public async Task Entries_are_read_from_a_bundle_and_checked_against_the_level_0_tile()
    {
        byte[][] entries = [.. Enumerable.Range(0, 300).Select(i => System.Text.Encoding.UTF8.GetBytes($"{{\"sequence\":{i}}}"))];
        var leaves = entries.Select(entry => MerkleHash.Leaf(entry)).ToArray();
        var forged = false;
        Task<byte[]> Fetch(string path, CancellationToken _)
        {
            var tile = TilePath.ParseHashTile(path["tile/".Length..].Replace("entries/", "0/", StringComparison.Ordinal));
            var range = entries.Skip((int)tile.Index * 256).Take(tile.Width).ToList();
            if (forged && path.StartsWith("tile/entries/", StringComparison.Ordinal))
            {
                range[3] = [.. range[3], (byte)' '];
            }
            return Task.FromResult(path.StartsWith("tile/entries/", StringComparison.Ordinal)
                ? EntryBundle.Encode(range)
                : [.. leaves.Skip((int)tile.Index * 256).Take(tile.Width).SelectMany(leaf => leaf)]);
        }
        var reader = new TileReader(Fetch);

        Assert.That(await reader.EntriesAsync(1, 300, CancellationToken.None), Is.EqualTo(entries[256..]));
        forged = true;
        Assert.That(() => reader.EntriesAsync(1, 300, CancellationToken.None), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("Entry 259"));
    }

    [Test]
    public void A_bundle_is_length_prefixed_entries_and_a_cut_one_is_refused()
    {
        var bundle = EntryBundle.Encode([[1, 2, 3], [], new byte[300]]);

        Assert.That(bundle[..7], Is.EqualTo(new byte[] { 0, 3, 1, 2, 3, 0, 0 }));
        Assert.That(bundle[7..9], Is.EqualTo(new byte[] { 1, 44 }));
        Assert.That(EntryBundle.Parse(bundle).Select(entry => entry.Length), Is.EqualTo(new[] { 3, 0, 300 }));
        Assert.That(() => EntryBundle.Parse(bundle.AsSpan()[..^1]), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("entry 2"));
        Assert.That(() => EntryBundle.Encode([new byte[65_536]]), Throws.ArgumentException);
    }

    /// <summary>Tiles of the tree of <paramref name="size"/> leaves, each hash by the formula of the specification: MTH(D[(n·256+i)·256^l : (n·256+i+1)·256^l]).</summary>
    private static TileFetcher TilesOf(int size, List<string> fetched) => (path, _) =>
    {
        lock (fetched)
        {
            fetched.Add(path);
        }
        var tile = TilePath.ParseHashTile(path["tile/".Length..]);
        var span = 1L << (8 * tile.Level);
        Assert.That((tile.Index * 256 + tile.Width) * span, Is.LessThanOrEqualTo(size), $"{path} is beyond the tree");
        return Task.FromResult<byte[]>([.. Enumerable.Range(0, tile.Width)
            .SelectMany(i => MerkleTree.RootHash(Leaves[(int)((tile.Index * 256 + i) * span)..(int)((tile.Index * 256 + i + 1) * span)]))]);
    };

    private static TileCoordinates Parsed(string path) => TilePath.ParseHashTile(path["tile/".Length..]);

    private static int LevelOf(string path) => Parsed(path).Level;

    private static long IndexOf(string path) => Parsed(path).Index;

    private static int WidthOf(string path) => Parsed(path).Width;
}
