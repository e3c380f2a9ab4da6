using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class GetDispositionCertificateEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/disposition-certificates/{certificateId:guid}", async Task<ContentHttpResult> (Guid certificateId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(await mediator.Send(new GetDispositionCertificate(certificateId), ct), "text/plain; charset=utf-8"))
            .WithName(nameof(GetDispositionCertificate))
            .WithTags("Retention")
            .WithSummary("A disposition certificate: a note signed with the ledger's key listing what one purge destroyed (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
