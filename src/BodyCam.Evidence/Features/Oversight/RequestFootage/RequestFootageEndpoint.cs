using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class RequestFootageEndpoint : IEndpoint
{
    public sealed record FootageRequestBody(
        string Description,
        string Purpose,
        string? CaseNumber = null,
        string? ComplaintReference = null,
        string? OfficerId = null,
        DateTimeOffset? From = null,
        DateTimeOffset? To = null,
        double? Latitude = null,
        double? Longitude = null,
        double? RadiusMetres = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/footage-requests", async Task<Created<FootageRequestView>> (FootageRequestBody body, IMediator mediator, CancellationToken ct) =>
                {
                    var request = await mediator.Send(
                        new RequestFootage(
                            body.CaseNumber, body.ComplaintReference, body.OfficerId, body.From, body.To, body.Latitude, body.Longitude, body.RadiusMetres,
                            body.Description ?? "", body.Purpose ?? ""),
                        ct);
                    return TypedResults.Created($"/api/footage-requests/{request.Id}", request);
                })
            .WithName(nameof(RequestFootage))
            .WithTags("Oversight")
            .WithSummary("Asks for the footage of an incident by case, complaint, officer, time window and/or place, with a response deadline (OversightBoard).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
