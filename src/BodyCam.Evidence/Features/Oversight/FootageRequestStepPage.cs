using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// A step sent from a footage request's page, which it returns to: a line saying what was done, or the refused fields.
/// Refusals of the person (403, 409, 422) are the refusal page, as everywhere.
/// </summary>
public abstract class FootageRequestStepPage(IMediator mediator) : ConsolePage(mediator)
{
    public const string DoneKey = "FootageRequestDone";
    public const string RefusedKey = "FootageRequestRefused";

    [BindProperty]
    public string Reason { get; set; } = "";

    public IActionResult OnGet(Guid id) => Redirect($"/footage-requests/{id}");

    protected async Task<IActionResult> StepAsync(Guid id, ICommand<FootageRequestView> step, string done)
    {
        var request = await TrySendAsync(step);
        TempData[request is null ? RefusedKey : DoneKey] = request is null
            ? string.Join(" ", ModelState.Values.SelectMany(field => field.Errors).Select(error => error.ErrorMessage))
            : done;
        return Redirect($"/footage-requests/{id}");
    }
}
