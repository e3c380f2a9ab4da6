using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports.RequestClip;

public static class RequestClipEndpoint
{
    public sealed record RequestBody(Guid? EvidenceId, double? StartSeconds, double? EndSeconds, string? Purpose, bool? Accurate, JsonElement? Redactions);

    public static void MapRequestClip(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/clip-requests", async Task<Created<ClipRequestView>> (RequestBody body, IMediator mediator, CancellationToken ct) =>
                {
                    var request = await mediator.Send(
                        new RequestClip(
                            body.EvidenceId ?? Guid.Empty, body.StartSeconds ?? -1, body.EndSeconds ?? -1, body.Purpose ?? "", body.Accurate ?? false,
                            body.Redactions is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } redactions
                                && !(redactions.ValueKind == JsonValueKind.Array && redactions.GetArrayLength() == 0)),
                        ct);
                    return TypedResults.Created($"/api/clip-requests/{request.Id}", request);
                })
            .WithName(nameof(RequestClip))
            .WithTags("Exports")
            .WithSummary("Asks for a clip of one evidence item; a supervisor of its unit or a custodian decides (OversightBoard).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
