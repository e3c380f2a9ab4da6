using System.Diagnostics;

namespace BodyCam.Evidence.Infrastructure.Media;

internal sealed record ToolExit(bool TimedOut, int ExitCode, string Output, string Errors);

/// <summary>Runs ffmpeg or ffprobe from PATH as its own process, killing its process tree past the timeout.</summary>
internal static class MediaTool
{
    /// <summary>With <c>outputLine</c>, each line of standard output is handed over as it comes instead of kept in <see cref="ToolExit.Output"/>.</summary>
    public static async Task<ToolExit> RunAsync(
        string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, Func<string, Task>? outputLine = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var output = "";
            if (outputLine is null)
            {
                output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            }
            else
            {
                while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                {
                    await outputLine(line);
                }
            }
            await process.WaitForExitAsync(deadline.Token);
            return new ToolExit(TimedOut: false, process.ExitCode, output, await errors);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolExit(TimedOut: true, process.ExitCode, "", await errors);
        }
    }
}
