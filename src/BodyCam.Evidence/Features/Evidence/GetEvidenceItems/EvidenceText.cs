using System.Globalization;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>How the console writes an item's times, durations, sizes and status, the same on every page.</summary>
public static class EvidenceText
{
    /// <summary>UTC, as the custody log and the API record it, so a time on screen matches the one in a report.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(double? seconds) => seconds is { } total
        ? TimeSpan.FromSeconds(Math.Round(total)) is var span && span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : "—";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB ({bytes:N0} bytes)"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB ({bytes:N0} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB ({bytes:N0} bytes)"),
    };

    /// <summary>The stylesheet's class for a status: verified is good, received still waits for its check, quarantined failed it.</summary>
    public static string StatusClass(string status) => status switch
    {
        "Verified" => "status-ok",
        "Quarantined" => "status-bad",
        _ => "status-warn",
    };
}
