using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>
/// Places a hold on named items, a case and/or an officer's recordings in a time range, as <c>POST /api/legal-holds</c>
/// does. Times are entered in UTC, as the console shows them.
/// </summary>
public sealed class PlaceLegalHoldPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public string? Matter { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    [Display(Name = "Evidence items")]
    public string? EvidenceIds { get; set; }

    [BindProperty]
    [Display(Name = "Case number")]
    public string? CaseNumber { get; set; }

    [BindProperty]
    [Display(Name = "Officer")]
    public string? OfficerId { get; set; }

    [BindProperty]
    public DateTime? From { get; set; }

    [BindProperty]
    public DateTime? To { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var ids = new List<Guid>();
        foreach (var given in (EvidenceIds ?? "").Split((char[])[' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(given, out var id))
            {
                ids.Add(id);
            }
            else
            {
                ModelState.AddModelError(nameof(EvidenceIds), $"evidenceIds: '{given}' is not an evidence item's id.");
            }
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var hold = await TrySendAsync(new PlaceLegalHold(
            Reason ?? "", Matter ?? "", ids.Count > 0 ? ids : null, Given(CaseNumber), Given(OfficerId), Utc(From), Utc(To)));
        return hold is null ? Page() : Redirect($"/legal-holds/{hold.Id}");
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Utc(DateTime? time) => time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
