using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Playback;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Review;

public sealed class RecordReviewForm
{
    public static IReadOnlyList<string> Outcomes { get; } = Enum.GetNames<ReviewOutcome>();

    public Guid Id { get; set; }
    public string? Reason { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
}

/// <summary>Records a supervisor's review from the player's form and goes back to the player; refused fields come back here.</summary>
public sealed class RecordReviewPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public RecordReviewForm Form { get; set; } = new();

    public IActionResult OnGet(Guid id) => LocalRedirect(PlayEvidencePage.Path(id, null));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form.Id = id;
        var review = await TrySendAsync(new RecordReview(id, Form.Outcome ?? "", Form.Comment));
        if (review is null)
        {
            return Page();
        }
        TempData[PlayEvidencePage.Done] = $"Review recorded: {review.Outcome}.";
        return LocalRedirect(PlayEvidencePage.Path(id, Form.Reason) + "#reviews");
    }
}
