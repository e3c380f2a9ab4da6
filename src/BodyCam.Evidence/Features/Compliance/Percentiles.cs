namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (PostgreSQL's <c>percentile_cont</c>, Excel's
/// <c>PERCENTILE.INC</c>), so a figure here can be checked against either. Computed in memory over rows already
/// filtered in the database: SQLite has no percentile function.
/// </summary>
public static class Percentiles
{
    /// <param name="sorted">Ascending, not empty.</param>
    /// <param name="fraction">0 to 1: 0.5 is the median.</param>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        var rank = fraction * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}
