using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class GetDispositionCertificatesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/disposition-certificates", async Task<Ok<IReadOnlyList<CertificateSummary>>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetDispositionCertificates(), ct)))
            .WithName(nameof(GetDispositionCertificates))
            .WithTags("Retention")
            .WithSummary("Disposition certificates, newest first (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
