using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Officers;

internal sealed class PutOfficerEndpoint : IEndpoint
{
    public sealed record OfficerBody(string Name, string? Unit = null, bool? Active = null, DateTimeOffset? UnitSince = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/officers/{officerId}", async Task<Ok<OfficerView>> (string officerId, OfficerBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new PutOfficer(officerId, body.Name ?? "", body.Unit, body.Active ?? true, body.UnitSince), ct)))
            .WithName(nameof(PutOfficer))
            .WithTags("Officers")
            .WithSummary("Creates or changes an officer and their unit (Admin).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
