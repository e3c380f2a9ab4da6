using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// One tile of a tiled log (c2sp.org/tlog-tiles): the hashes <see cref="Index"/>·256 ..
/// <see cref="Index"/>·256+<see cref="Width"/>-1 at tree level 8·<see cref="Level"/>, each the tree hash of
/// 256^<see cref="Level"/> consecutive entries; or, for an entry bundle, those entries themselves (level 0).
/// </summary>
public readonly record struct TileCoordinates(int Level, long Index, int Width)
{
    public bool IsFull => Width == TilePath.FullWidth;
}

/// <summary>What is wrong with a tile path: <see cref="Part"/> is "level", "index" or "width".</summary>
public sealed record TilePathProblem(string Part, string Message);

/// <summary>
/// Paths of tlog-tiles resources relative to the log's prefix, and their parsing. Parsing is strict: a resource has
/// exactly one path (no leading zeros, no <c>x000</c> element in front, no <c>.p/256</c>), so a cache never holds
/// one tile under two names.
/// </summary>
public static class TilePath
{
    /// <summary>Each tile spans 8 tree levels, so a full tile is 256 hashes (8,192 bytes).</summary>
    public const int Height = 8;

    public const int FullWidth = 1 << Height;

    /// <summary>"&lt;L&gt; MUST be a decimal ASCII integer between 0 and 63."</summary>
    public const int MaxLevel = 63;

    public static string HashTile(int level, long index, int width = FullWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        return $"tile/{level.ToString(CultureInfo.InvariantCulture)}/{IndexAndWidth(index, width)}";
    }

    public static string EntryBundle(long index, int width = FullWidth) => $"tile/entries/{IndexAndWidth(index, width)}";

    /// <summary>The index in zero-padded 3-digit path elements, all but the last prefixed with x: 1234067 is x001/x234/067.</summary>
    public static string EncodeIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var path = new StringBuilder((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
        for (index /= 1000; index > 0; index /= 1000)
        {
            path.Insert(0, 'x' + (index % 1000).ToString("D3", CultureInfo.InvariantCulture) + '/');
        }
        return path.ToString();
    }

    /// <summary>The width a tile at <paramref name="level"/> and <paramref name="index"/> has in a tree of <paramref name="treeSize"/> entries; 0 if it is empty there.</summary>
    public static int WidthIn(long treeSize, int level, long index)
    {
        var hashes = HashesAtLevel(treeSize, level);
        var before = index > hashes / FullWidth ? hashes : index * FullWidth;
        return (int)Math.Min(FullWidth, hashes - before);
    }

    /// <summary>How many hashes tiles of <paramref name="level"/> hold in a tree of <paramref name="treeSize"/> entries: floor(s / 256^L).</summary>
    public static long HashesAtLevel(long treeSize, int level) => level * Height >= 63 ? 0 : treeSize >> (level * Height);

    public static TileCoordinates ParseHashTile(string? path) =>
        TryParseHashTile(path, out var tile, out var problem) ? tile : throw new FormatException(problem.Message);

    public static TileCoordinates ParseEntryBundle(string? path) =>
        TryParseEntryBundle(path, out var bundle, out var problem) ? bundle : throw new FormatException(problem.Message);

    /// <summary>A hash tile's path after <c>tile/</c>: <c>&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public static bool TryParseHashTile(string? path, out TileCoordinates tile, [NotNullWhen(false)] out TilePathProblem? problem)
    {
        tile = default;
        var slash = (path ?? "").IndexOf('/', StringComparison.Ordinal);
        var level = slash < 0 ? path ?? "" : path![..slash];
        if (!TryParseDecimal(level, MaxLevel, out var parsedLevel))
        {
            problem = new TilePathProblem("level", $"The tile level must be a decimal integer from 0 to {MaxLevel} without leading zeros, followed by /index; not '{level}'.");
            return false;
        }
        if (!TryParseIndexAndWidth(slash < 0 ? "" : path![(slash + 1)..], out var index, out var width, out problem))
        {
            return false;
        }
        tile = new TileCoordinates((int)parsedLevel, index, width);
        return true;
    }

    /// <summary>An entry bundle's path after <c>tile/entries/</c>: <c>&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public static bool TryParseEntryBundle(string? path, out TileCoordinates bundle, [NotNullWhen(false)] out TilePathProblem? problem)
    {
        bundle = default;
        if (!TryParseIndexAndWidth(path ?? "", out var index, out var width, out problem))
        {
            return false;
        }
        bundle = new TileCoordinates(0, index, width);
        return true;
    }

    private static string IndexAndWidth(long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, FullWidth);
        return width == FullWidth ? EncodeIndex(index) : $"{EncodeIndex(index)}.p/{width.ToString(CultureInfo.InvariantCulture)}";
    }

    private static bool TryParseIndexAndWidth(string path, out long index, out int width, [NotNullWhen(false)] out TilePathProblem? problem)
    {
        index = 0;
        width = FullWidth;
        var elements = path.Split('/');
        if (elements.Length >= 2 && elements[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryParseDecimal(elements[^1], FullWidth - 1, out var partial) || partial == 0)
            {
                problem = new TilePathProblem("width", $"A partial tile's width must be a decimal integer from 1 to {FullWidth - 1} without leading zeros; not '{elements[^1]}'.");
                return false;
            }
            width = (int)partial;
            elements = [.. elements[..^2], elements[^2][..^2]];
        }
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            var last = i == elements.Length - 1;
            var digits = last ? element : element.StartsWith('x') ? element[1..] : "";
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit))
            {
                problem = new TilePathProblem("index", $"The tile index must be zero-padded 3-digit path elements, all but the last prefixed with x (1234067 is x001/x234/067); '{element}' is not one.");
                return false;
            }
            var value = int.Parse(digits, CultureInfo.InvariantCulture);
            if ((i == 0 && !last && value == 0) || index > (long.MaxValue - value) / 1000)
            {
                problem = new TilePathProblem("index", i == 0 && !last
                    ? "The tile index must not begin with an x000 element: 1234 is x001/234, 5 is 005."
                    : "The tile index is too large.");
                return false;
            }
            index = index * 1000 + value;
        }
        problem = null;
        return true;
    }

    private static bool TryParseDecimal(string text, int max, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 3 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }
        value = long.Parse(text, CultureInfo.InvariantCulture);
        return value <= max;
    }
}
