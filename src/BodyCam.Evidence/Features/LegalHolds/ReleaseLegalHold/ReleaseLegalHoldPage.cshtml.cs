using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>Releases a hold from its page's form; a missing or unusable reason comes back beside the form.</summary>
public sealed class ReleaseLegalHoldPage(IMediator mediator) : ConsolePage(mediator)
{
    public sealed record Form(Guid HoldId, string? Reason);

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public IActionResult OnGet() => Redirect($"/legal-holds/{Id}");

    public async Task<IActionResult> OnPostAsync()
    {
        var hold = await TrySendAsync(new ReleaseLegalHold(Id, Reason ?? ""));
        if (hold is null)
        {
            return Page();
        }
        Confirmation = $"Released; {hold.ItemsCovered} items are no longer held by it.";
        return Redirect($"/legal-holds/{Id}");
    }
}
