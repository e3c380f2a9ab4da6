using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Verification.Notes;
using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>The latest signed checkpoint, its size and age, and the key it verifies with, as <c>/api/ledger/checkpoint</c> and <c>/api/ledger/key</c> serve them.</summary>
public sealed class GetCheckpointPage(IMediator mediator, NoteSigner signer, TimeProvider clock) : ConsolePage(mediator)
{
    public LatestCheckpoint Checkpoint { get; private set; } = null!;

    public string VerifierKey => signer.VerifierKey.ToString();

    public TimeSpan Age => clock.GetUtcNow() - Checkpoint.SignedAt;

    public async Task OnGetAsync() => Checkpoint = await Mediator.Send(new GetCheckpoint(), HttpContext.RequestAborted);

    /// <summary>An age in the largest whole units that say it plainly: "42 seconds", "3 minutes", "2 hours 5 minutes".</summary>
    public static string Describe(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => Plural(Math.Max(0, (int)age.TotalSeconds), "second"),
        { TotalHours: < 1 } => Plural((int)age.TotalMinutes, "minute"),
        { TotalDays: < 1 } => $"{Plural((int)age.TotalHours, "hour")} {Plural(age.Minutes, "minute")}",
        _ => $"{Plural((int)age.TotalDays, "day")} {Plural(age.Hours, "hour")}",
    };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
