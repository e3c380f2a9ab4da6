namespace BodyCam.Evidence.Domain.Ledger;

/// <summary>
/// What the server knows of one witness: the size of the latest checkpoint it cosigned (the next submission's
/// <c>old</c> size), when it may be tried again after failures, and which submission holds it now.
/// </summary>
public sealed class WitnessState
{
    /// <summary>Submissions back off exponentially from this, doubling per failure.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>However long a witness has been failing, it is tried at least this often.</summary>
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(5);

    public required string WitnessKey { get; init; }
    public long CosignedSize { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when a submission holds the witness: one at a time, whichever server instance runs it.</summary>
    public DateTimeOffset ClaimedUntil { get; set; }

    /// <summary>What the last submission came to, for the console: cosigned, refused with a status, or failed.</summary>
    public string? LastOutcome { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    public void Cosigned(long treeSize, DateTimeOffset now)
    {
        CosignedSize = Math.Max(CosignedSize, treeSize);
        Failures = 0;
        NextAttemptAt = now;
        LastOutcome = $"cosigned the checkpoint of {treeSize} entries";
        LastAttemptAt = now;
    }

    /// <summary>A refusal or a failure: tried again after a delay that doubles with each, up to <see cref="LongestRetryDelay"/>.</summary>
    public void Failed(string outcome, DateTimeOffset now)
    {
        Failures++;
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(Failures - 1, 16));
        NextAttemptAt = now + (delay < LongestRetryDelay ? delay : LongestRetryDelay);
        LastOutcome = outcome.Length > 1000 ? outcome[..1000] : outcome;
        LastAttemptAt = now;
    }
}
