using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>Release cases soonest due first, with the days each has left in words, filtered as <c>GET /api/release-cases</c> is.</summary>
public sealed class GetReleaseCasesPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string? Deadline { get; set; }

    public IReadOnlyList<ReleaseCaseRow> Cases { get; private set; } = [];

    public async Task OnGetAsync() => Cases = await TrySendAsync(new GetReleaseCases(string.IsNullOrEmpty(Deadline) ? null : Deadline)) ?? [];

    public static string DaysLeft(ReleaseCaseRow row) => row.Deadline switch
    {
        nameof(ReleaseDeadline.ReleasedOnTime) => "Released on time",
        nameof(ReleaseDeadline.ReleasedLate) => "Released late",
        _ => Days(row.DaysLeft),
    };

    /// <summary>Days to the due day, said in words so that no state is told by colour alone.</summary>
    public static string Days(int daysLeft) => daysLeft switch
    {
        < -1 => $"Overdue by {-daysLeft} days",
        -1 => "Overdue by 1 day",
        0 => "Due today",
        1 => "1 day left",
        _ => $"{daysLeft} days left",
    };

    public static string StatusClass(string deadline) => deadline switch
    {
        nameof(ReleaseDeadline.Overdue) or nameof(ReleaseDeadline.ReleasedLate) => "status-bad",
        nameof(ReleaseDeadline.DueSoon) => "status-warn",
        _ => "status-ok",
    };
}
