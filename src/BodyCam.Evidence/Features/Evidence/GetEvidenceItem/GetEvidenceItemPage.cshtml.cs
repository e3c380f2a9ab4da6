using BodyCam.Evidence.Features.Console;
using Mediator;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// An evidence item's page: what GET /api/evidence/{id} answers, then its custody events with their ledger indexes.
/// The item is read first, so a person outside its scope is refused (and that recorded) for the item itself.
/// </summary>
public sealed class GetEvidenceItemPage(IMediator mediator) : ConsolePage(mediator)
{
    public EvidenceItemDetails Item { get; private set; } = null!;

    public CustodyReport Custody { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        Item = await Mediator.Send(new GetEvidenceItem(id), HttpContext.RequestAborted);
        Custody = await Mediator.Send(new GetEvidenceCustody(id, WithProofs: false), HttpContext.RequestAborted);
    }
}
