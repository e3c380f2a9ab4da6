using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>A board asks for the footage of an incident, as <c>POST /api/footage-requests</c> does. Times are entered in UTC, as the console shows them.</summary>
public sealed class RequestFootagePage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    [Display(Name = "Case number")]
    public string? CaseNumber { get; set; }

    [BindProperty]
    [Display(Name = "Complaint reference")]
    public string? ComplaintReference { get; set; }

    [BindProperty]
    [Display(Name = "Officer")]
    public string? OfficerId { get; set; }

    [BindProperty]
    [Display(Name = "From (UTC)")]
    public DateTime? From { get; set; }

    [BindProperty]
    [Display(Name = "To (UTC)")]
    public DateTime? To { get; set; }

    [BindProperty]
    [Display(Name = "Latitude (degrees)")]
    public double? Latitude { get; set; }

    [BindProperty]
    [Display(Name = "Longitude (degrees)")]
    public double? Longitude { get; set; }

    [BindProperty]
    [Display(Name = "Radius (metres)")]
    public double? RadiusMetres { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = await TrySendAsync(new RequestFootage(
            CaseNumber, ComplaintReference, OfficerId, Utc(From), Utc(To), Latitude, Longitude, RadiusMetres, Description ?? "", Purpose ?? ""));
        return request is null ? Page() : Redirect($"/footage-requests/{request.Id}");
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
