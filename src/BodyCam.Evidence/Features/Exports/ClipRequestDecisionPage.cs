using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// A decision sent from the clip request's page, which it returns to: a line saying what was done, or the reason's
/// refused field. Refusals of the person (403, 409) are the refusal page, as everywhere.
/// </summary>
public abstract class ClipRequestDecisionPage(IMediator mediator) : ConsolePage(mediator)
{
    public const string DoneKey = "ClipRequestDone";
    public const string RefusedKey = "ClipRequestRefused";

    [BindProperty]
    public string Reason { get; set; } = "";

    public IActionResult OnGet(Guid id) => Redirect($"/clip-requests/{id}");

    protected async Task<IActionResult> DecideAsync(Guid id, ICommand<ClipRequestView> decision, Func<ClipRequestView, string> done)
    {
        var request = await TrySendAsync(decision);
        TempData[request is null ? RefusedKey : DoneKey] = request is null
            ? string.Join(" ", ModelState.Values.SelectMany(field => field.Errors).Select(error => error.ErrorMessage))
            : done(request);
        return Redirect($"/clip-requests/{id}");
    }
}
