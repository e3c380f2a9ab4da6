using BodyCam.Evidence.Verification.Exports;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class RequestClipEndpoint : IEndpoint
{
    public sealed record ClipRequestBody(
        Guid? EvidenceId,
        string Purpose,
        double? StartSeconds = null,
        double? EndSeconds = null,
        Guid? BookmarkId = null,
        double? BeforeSeconds = null,
        double? AfterSeconds = null,
        bool? Accurate = null,
        IReadOnlyList<RedactionBody?>? Redactions = null,
        bool? Watermark = null);

    public sealed record RedactionBody(string Kind, double? StartSeconds, double? EndSeconds, int? X = null, int? Y = null, int? Width = null, int? Height = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/clip-requests", async Task<Created<ClipRequestView>> (ClipRequestBody body, IMediator mediator, CancellationToken ct) =>
                {
                    var request = await mediator.Send(
                        new RequestClip(
                            body.EvidenceId ?? Guid.Empty, body.StartSeconds, body.EndSeconds, body.BookmarkId, body.BeforeSeconds, body.AfterSeconds,
                            body.Purpose ?? "", body.Accurate ?? false,
                            [.. (body.Redactions ?? []).Select(r => new ClipRedaction(
                                r?.Kind ?? "", r?.StartSeconds ?? -1, r?.EndSeconds ?? -1, r?.X, r?.Y, r?.Width, r?.Height))],
                            body.Watermark ?? false),
                        ct);
                    return TypedResults.Created($"/api/clip-requests/{request.Id}", request);
                })
            .WithName(nameof(RequestClip))
            .WithTags("Exports")
            .WithSummary("Asks for a clip of one evidence item, by range or by a reviewer's bookmark; a supervisor of its unit or a custodian decides (OversightBoard).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
