using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>Opens a release case, as <c>POST /api/release-cases</c> does. Times are entered in UTC, as the console shows them.</summary>
public sealed class OpenReleaseCasePage(IMediator mediator, EvidenceSettings settings) : ConsolePage(mediator)
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    [Display(Name = "Incident time (UTC)")]
    public DateTime? IncidentAt { get; set; }

    [BindProperty]
    [Display(Name = "Complaint or request received (UTC)")]
    public DateTime? ComplaintAt { get; set; }

    [BindProperty]
    public string? Rule { get; set; }

    [BindProperty]
    [Display(Name = "Evidence items")]
    public string? EvidenceIds { get; set; }

    public IEnumerable<Domain.Releases.ReleaseRule> Rules => settings.Releases.Rules.Values.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase);

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
        var opened = await TrySendAsync(new OpenReleaseCase(Title ?? "", Description ?? "", Utc(IncidentAt), Rule ?? "", ids, Utc(ComplaintAt)));
        return opened is null ? Page() : Redirect($"/releases/{opened.Id}");
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
