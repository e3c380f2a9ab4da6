using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Compliance;

internal sealed class GetUploadDelaysEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/compliance/upload-delays", async Task<Ok<UploadDelayReport>> ([AsParameters] GetUploadDelays query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName(nameof(GetUploadDelays))
            .WithTags("Compliance")
            .WithSummary("Delay from recorded end to receipt: count, median, 95th percentile and maximum, per dock and per officer.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
