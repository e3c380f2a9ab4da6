using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A step sent from a release case's page (extend, approve, publish), which it returns to: a line saying what was done,
/// or the refused field. Refusals of the person or the state (403, 409, 422) are the refusal page, as everywhere.
/// </summary>
public abstract class ReleaseStepPage(IMediator mediator) : ConsolePage(mediator)
{
    public const string DoneKey = "ReleaseStepDone";
    public const string RefusedKey = "ReleaseStepRefused";

    [BindProperty]
    public string? Reason { get; set; }

    public IActionResult OnGet(Guid id) => Redirect($"/releases/{id}");

    protected async Task<IActionResult> StepAsync(Guid id, ICommand<ReleaseCaseView> step, Func<ReleaseCaseView, string> done)
    {
        var releaseCase = await TrySendAsync(step);
        TempData[releaseCase is null ? RefusedKey : DoneKey] = releaseCase is null
            ? string.Join(" ", ModelState.Values.SelectMany(field => field.Errors).Select(error => error.ErrorMessage))
            : done(releaseCase);
        return Redirect($"/releases/{id}");
    }
}
