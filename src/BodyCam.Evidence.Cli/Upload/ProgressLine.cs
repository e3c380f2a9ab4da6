using System.Diagnostics;
using System.Globalization;

namespace BodyCam.Evidence.Cli.Upload;

/// <summary>
/// One stderr line per recording, rewritten in place with '\r'. When stderr is not a terminal (a dock's log
/// file) only the final line is written, so the log is not flooded with redraws.
/// </summary>
internal sealed class ProgressLine(string recordingName, long total)
{
    private const double MiB = 1 << 20;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private readonly bool interactive = !Console.IsErrorRedirected;
    private string activity = "";
    private long activityStartBytes;
    private long activityStartTimestamp;
    private long lastDrawTimestamp;
    private int drawnLength;

    public void Report(string currentActivity, long done)
    {
        if (currentActivity != activity)
        {
            activity = currentActivity;
            activityStartBytes = done;
            activityStartTimestamp = Stopwatch.GetTimestamp();
        }
        if (interactive && Stopwatch.GetElapsedTime(lastDrawTimestamp) >= RedrawInterval)
        {
            Draw(activity, done, finalLine: false);
        }
    }

    public void Finish(long done) => Draw("sent", done, finalLine: true);

    /// <summary>Leaves the progress drawn so far on its own line, then writes the message below it.</summary>
    public void Interrupt(string message)
    {
        if (drawnLength > 0)
        {
            Console.Error.WriteLine();
            drawnLength = 0;
        }
        Console.Error.WriteLine($"{recordingName}: {message}");
    }

    private void Draw(string label, long done, bool finalLine)
    {
        var seconds = Stopwatch.GetElapsedTime(activityStartTimestamp).TotalSeconds;
        var rate = seconds > 0 ? (done - activityStartBytes) / MiB / seconds : 0;
        var percent = total == 0 ? 100 : 100.0 * done / total;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{recordingName}  {label} {percent,5:0.0}%  {done / MiB:0.0}/{total / MiB:0.0} MiB  {rate:0.0} MiB/s");
        var padding = new string(' ', Math.Max(0, drawnLength - text.Length));
        if (finalLine)
        {
            Console.Error.WriteLine($"\r{text}{padding}");
            drawnLength = 0;
        }
        else
        {
            Console.Error.Write($"\r{text}{padding}");
            drawnLength = text.Length;
        }
        lastDrawTimestamp = Stopwatch.GetTimestamp();
    }
}
