using System.Globalization;

namespace BodyCam.Evidence.Domain.Playback;

/// <summary>Bytes <see cref="First"/> to <see cref="Last"/> of a blob, both included, as HTTP counts them.</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    /// <summary>Ascending ranges with overlapping and adjacent ones merged: what was served, whatever the order and repeats.</summary>
    public static IReadOnlyList<ByteRange> Coalesce(IEnumerable<ByteRange> ranges)
    {
        var merged = new List<ByteRange>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }

    /// <summary>What <paramref name="served"/> (as <see cref="Format"/> wrote it) and <paramref name="more"/> cover together, formatted.</summary>
    public static string Add(string served, IEnumerable<ByteRange> more) => Format(Coalesce([.. Parse(served), .. more]));

    public static string Format(IEnumerable<ByteRange> ranges) => string.Join(',', ranges.Select(r => r.ToString()));

    public static IEnumerable<ByteRange> Parse(string ranges) =>
        ranges.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(range =>
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            return new ByteRange(long.Parse(range[..dash], CultureInfo.InvariantCulture), long.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture));
        });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
