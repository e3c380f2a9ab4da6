using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>Attaches the candidates ticked on the request's page, with the note in <see cref="FootageRequestStepPage.Reason"/>.</summary>
public sealed class AttachFootagePage(IMediator mediator) : FootageRequestStepPage(mediator)
{
    [BindProperty]
    public List<Guid> EvidenceIds { get; set; } = [];

    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new AttachFootage(id, EvidenceIds, Reason), EvidenceIds.Count == 1 ? "1 item attached." : $"{EvidenceIds.Count} items attached.");
}
