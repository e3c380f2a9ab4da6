using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class OpenReleaseCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/release-cases", async Task<Created<ReleaseCaseView>> (OpenReleaseCase command, IMediator mediator, CancellationToken ct) =>
            {
                var opened = await mediator.Send(
                    command with { Title = command.Title ?? "", Description = command.Description ?? "", Rule = command.Rule ?? "", EvidenceIds = command.EvidenceIds ?? [] }, ct);
                return TypedResults.Created($"/api/release-cases/{opened.Id}", opened);
            })
            .WithName(nameof(OpenReleaseCase))
            .WithTags("Releases")
            .WithSummary("Opens a release case for an incident under a release rule; its due day follows (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
