using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// An item's custody report, for printing: the report <c>GET /api/evidence/{id}/custody?proofs=true</c> answers, so
/// each event says whether the latest checkpoint covers it.
/// </summary>
public sealed class GetEvidenceCustodyPage(IMediator mediator, TimeProvider clock) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CustodyReport Report { get; private set; } = null!;

    public DateTimeOffset MadeAt { get; } = clock.GetUtcNow();

    /// <summary>Each content hash the ledger recorded for the item, with the actions that recorded it, in ledger order.</summary>
    public IEnumerable<(string Sha256, IEnumerable<string> Actions)> Hashes =>
        Report.Events
            .Where(e => e.ContentSha256 is not null)
            .GroupBy(e => e.ContentSha256!)
            .Select(hash => (hash.Key, hash.Select(e => e.Action).Distinct()));

    public async Task OnGetAsync() => Report = await Mediator.Send(new GetEvidenceCustody(Id, WithProofs: true), HttpContext.RequestAborted);
}
