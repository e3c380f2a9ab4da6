namespace BodyCam.Evidence.Cli.Upload;

/// <summary>
/// Waits after a transient failure (tus core: clients should back off after network errors and 5xx) and gives
/// up after too many in a row, so an unattended dock ends with exit code 4 instead of retrying forever.
/// </summary>
internal sealed class Backoff(Action<string> report)
{
    private const int GiveUpAfterConsecutiveFailures = 10;

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
    ];

    private int consecutiveFailures;

    public void Reset() => consecutiveFailures = 0;

    public async Task WaitAsync(TransientUploadException failure, CancellationToken cancellationToken)
    {
        consecutiveFailures++;
        if (consecutiveFailures >= GiveUpAfterConsecutiveFailures)
        {
            throw new UploadStoppedException(
                UploadExitCode.TimedOut, $"gave up after {consecutiveFailures} failures in a row; the last: {failure.Message}");
        }
        var delay = Delays[Math.Min(consecutiveFailures, Delays.Length) - 1];
        report($"{failure.Message}; retrying in {delay.TotalSeconds:0.#} s");
        await Task.Delay(delay, cancellationToken);
    }

    /// <summary>Does not reset the count on success: only progress (an accepted chunk) proves the trouble is over.</summary>
    public async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (TransientUploadException failure)
            {
                await WaitAsync(failure, cancellationToken);
            }
        }
    }
}
