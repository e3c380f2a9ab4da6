using System.Globalization;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Text;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ingestion.Tus;

/// <summary>
/// tus 1.0 (core, creation, creation-with-upload, creation-defer-length, expiration, checksum, termination)
/// as a thin adapter: each request is translated into an ingestion command and the result into tus headers.
/// </summary>
public sealed class TusEndpoints : IEndpoint
{
    public const string Path = "/ingest/tus";
    public const string CorsPolicy = "tus";

    public static readonly string[] AllowedHeaders =
    [
        TusHeaders.Resumable, TusHeaders.UploadLength, TusHeaders.UploadDeferLength, TusHeaders.UploadMetadata, TusHeaders.UploadOffset,
        TusHeaders.UploadChecksum, TusHeaders.MethodOverride, "X-Dock-Key", "Content-Type",
    ];

    public static readonly string[] ExposedHeaders =
    [
        "Location", TusHeaders.Resumable, TusHeaders.Version, TusHeaders.Extension, TusHeaders.MaxSize, TusHeaders.ChecksumAlgorithm,
        TusHeaders.UploadOffset, TusHeaders.UploadLength, TusHeaders.UploadDeferLength, TusHeaders.UploadMetadata, TusHeaders.UploadExpires,
    ];

    public void Map(IEndpointRouteBuilder routes)
    {
        var tus = routes.MapGroup(Path)
            .WithTags("Ingestion (tus 1.0)")
            .RequireCors(CorsPolicy)
            .RequireAuthorization(EvidenceServices.DockPolicy)
            .AddEndpointFilter(IngestionAdmission.Filter);

        tus.MapMethods("/", [HttpMethods.Options], DescribeServer).AllowAnonymous();
        // The answer is the server's whatever the upload, but the id is still text a client sent, held to the same rule.
        tus.MapMethods("/{uploadId}", [HttpMethods.Options], (string uploadId, HttpResponse response, EvidenceSettings settings) =>
                FreeText.Refusal(uploadId) is { } refusal
                    ? throw RequestValidationException.For("uploadId", refusal)
                    : DescribeServer(response, settings))
            .AllowAnonymous();
        tus.MapPost("/", Create).WithSummary("Creates an upload (tus creation, creation-with-upload, creation-defer-length).");
        tus.MapMethods("/{uploadId}", [HttpMethods.Head], Describe).WithSummary("The upload's offset (tus core).");
        tus.MapPatch("/{uploadId}", Append).WithSummary("Appends bytes at Upload-Offset (tus core, checksum).");
        tus.MapDelete("/{uploadId}", Terminate).WithSummary("Abandons an unfinished upload (tus termination).");
    }

    private static NoContent DescribeServer(HttpResponse response, EvidenceSettings settings)
    {
        response.Headers[TusHeaders.Version] = TusHeaders.ProtocolVersion;
        response.Headers[TusHeaders.Extension] = TusHeaders.Extensions;
        response.Headers[TusHeaders.MaxSize] = settings.Ingestion.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusHeaders.ChecksumAlgorithm] = TusHeaders.ChecksumAlgorithms;
        return TypedResults.NoContent();
    }

    private static async Task<Created> Create(
        HttpRequest request, HttpResponse response, IMediator mediator, UploadWriter writer, EvidenceSettings settings, CancellationToken ct)
    {
        // Every header is read before the upload exists, so a malformed one cannot leave an upload the client never hears of.
        var metadataHeader = request.Headers[TusHeaders.UploadMetadata].ToString();
        var length = TusHeaders.CreationLength(request);
        var recording = TusMetadata.Read(metadataHeader, settings);
        var checksum = TusHeaders.Checksum(request);
        var begun = await mediator.Send(new BeginUpload(length, recording, metadataHeader.Length == 0 ? null : metadataHeader), ct)
            .NamedAs(TusMetadata.Names);
        var (offset, expires) = (0L, begun.ExpiresAt);
        // An empty recording is complete as soon as it exists; appending nothing completes it.
        if (HasUploadBody(request) || length == 0)
        {
            var appended = await writer.AppendAsync(new AppendToUpload(begun.UploadId, 0, request.Body, request.ContentLength, null, checksum), ct);
            (offset, expires) = (appended.Offset, appended.ExpiresAt);
        }
        // Sent even without a body: tus-js-client asks for it whenever it offered to upload during creation.
        response.Headers[TusHeaders.UploadOffset] = offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusHeaders.UploadExpires] = TusHeaders.HttpDate(expires);
        return TypedResults.Created($"{Path}/{begun.UploadId}");
    }

    private static async Task<Ok> Describe(string uploadId, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var upload = await mediator.Send(new GetUploadOffset(uploadId), ct);
        response.Headers.CacheControl = "no-store";
        response.Headers[TusHeaders.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        if (upload.Length is { } length)
        {
            response.Headers[TusHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            response.Headers[TusHeaders.UploadDeferLength] = "1";
        }
        if (upload.MetadataHeader is { } metadata)
        {
            response.Headers[TusHeaders.UploadMetadata] = metadata;
        }
        response.Headers[TusHeaders.UploadExpires] = TusHeaders.HttpDate(upload.ExpiresAt);
        return TypedResults.Ok();
    }

    private static async Task<NoContent> Append(string uploadId, HttpRequest request, HttpResponse response, UploadWriter writer, CancellationToken ct)
    {
        if (!HasOffsetContentType(request))
        {
            throw new UnsupportedMediaTypeException($"PATCH bodies must be sent as {TusHeaders.OffsetContentType}.");
        }
        var offset = TusHeaders.NonNegativeNumber(request, TusHeaders.UploadOffset)
            ?? throw new InvalidHeaderException(TusHeaders.UploadOffset, "The offset the bytes start at is required.");
        var appended = await writer.AppendAsync(
            new AppendToUpload(
                uploadId, offset, request.Body, request.ContentLength, TusHeaders.NonNegativeNumber(request, TusHeaders.UploadLength), TusHeaders.Checksum(request)),
            ct);
        response.Headers[TusHeaders.UploadOffset] = appended.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusHeaders.UploadExpires] = TusHeaders.HttpDate(appended.ExpiresAt);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Terminate(string uploadId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new TerminateUpload(uploadId), ct);
        return TypedResults.NoContent();
    }

    private static bool HasOffsetContentType(HttpRequest request) =>
        string.Equals(request.ContentType?.Split(';')[0].Trim(), TusHeaders.OffsetContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>creation-with-upload: a creation request carries bytes when it says they are upload bytes.</summary>
    private static bool HasUploadBody(HttpRequest request) =>
        HasOffsetContentType(request) && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);
}
