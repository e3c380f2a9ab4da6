using System.Security.Cryptography;
using BodyCam.Evidence.Features.Cameras;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Features.Officers;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>What an Axis system controller asks of an object: a segment, GNSS trail, bookmark, key, user, device or system id.</summary>
internal sealed partial class SwiftRequest
{
    public async Task<IResult> PutObjectAsync()
    {
        var name = objectName!;
        var metadata = ObjectMetadata();
        switch (container.Kind)
        {
            case AxisContainerKind.System when name is AxisNames.CapabilitiesObject or AxisNames.CategoriesObject:
                var caller = context.RequestServices.GetRequiredService<ICurrentActor>();
                throw await context.RequestServices.GetRequiredService<EvidenceDb>().RefuseAsync(
                    caller.Actor, $"PUT of Swift object System/{name}", $"System/{name} is published by this server and cannot be written.", null, Aborted);
            case AxisContainerKind.System:
                await mediator.Send(new RecordBodyWornSystem(SystemId(name), metadata.GetValueOrDefault("ConnectionId"), metadata.GetValueOrDefault("SystemName")), Aborted);
                return Results.StatusCode(StatusCodes.Status201Created);
            case AxisContainerKind.Users:
                await RegisterUserAsync(name, metadata);
                return Results.StatusCode(StatusCodes.Status201Created);
            case AxisContainerKind.Devices:
                await RegisterDeviceAsync(name, metadata);
                return Results.StatusCode(StatusCodes.Status201Created);
            case AxisContainerKind.Recording or AxisContainerKind.RejectedContent when AxisNames.IsSegment(name):
                return await PutSegmentAsync(name, metadata);
            case AxisContainerKind.Recording or AxisContainerKind.RejectedContent:
                context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = StoreRecordingObject.MaxBytes + 1L;
                await using (var body = new HashingReadStream(Request.Body, HashAlgorithmName.MD5))
                {
                    await mediator.Send(new StoreRecordingObject(container.Name, name, AxisNames.KindOf(name), body, metadata), Aborted);
                    // Swift's ETag is the MD5 of the object, which a client checks against what it sent.
                    context.Response.Headers.ETag = body.HashHex();
                }
                return Results.StatusCode(StatusCodes.Status201Created);
            default:
                throw new NotFoundException($"There is no container '{container.Name}'.");
        }
    }

    public async Task<IResult> PostObjectAsync()
    {
        var name = objectName!;
        var metadata = ObjectMetadata();
        switch (container.Kind)
        {
            case AxisContainerKind.System when Guid.TryParse(name, out var systemId):
                await mediator.Send(new RecordBodyWornSystem(systemId, metadata.GetValueOrDefault("ConnectionId"), metadata.GetValueOrDefault("SystemName")), Aborted);
                break;
            case AxisContainerKind.Users:
                await RegisterUserAsync(name, metadata);
                break;
            case AxisContainerKind.Devices:
                await RegisterDeviceAsync(name, metadata);
                break;
            case AxisContainerKind.Recording or AxisContainerKind.RejectedContent:
                await mediator.Send(new UpdateRecordingMetadata(container.Name, name, metadata), Aborted);
                break;
            default:
                throw new NotFoundException($"There is no object {container.Name}/{name}.");
        }
        return Results.Accepted();
    }

    /// <summary>
    /// A segment is an upload of the ingestion core, begun and completed in one request: hashed as it streams
    /// into the store and queued for verification. A client ETag is checked as the MD5 of the body; on a
    /// mismatch nothing is kept and the answer is 422, as Swift answers. A body sent without Content-Length
    /// ends the segment where it ends.
    /// </summary>
    private async Task<IResult> PutSegmentAsync(string name, Dictionary<string, string> metadata)
    {
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        var recording = await mediator.Send(new GetOwnRecording(container.Name), Aborted);
        var facts = AxisSegment.Facts(name, metadata, recording);
        var checksum = ClientETag() is { } md5 ? new UploadChecksum(HashAlgorithmName.MD5, md5) : null;
        var length = Request.ContentLength;
        await using var body = new HashingReadStream(Request.Body, HashAlgorithmName.MD5);

        var begun = await mediator.Send(new BeginUpload(length, facts, null, recording.RecordingId, recording.Rejected), Aborted)
            .NamedAs(AxisSegment.Names);
        AppendedToUpload appended;
        try
        {
            appended = await context.RequestServices.GetRequiredService<UploadWriter>().AppendAsync(
                new AppendToUpload(begun.UploadId, 0, body, length, null, checksum, BodyEndsUpload: true), Aborted);
        }
        catch (ChecksumMismatchException)
        {
            await mediator.Send(new TerminateUpload(begun.UploadId), CancellationToken.None);
            throw new UnprocessableContentException("The body's MD5 does not match the ETag sent; nothing of it was kept.");
        }
        if (!appended.Completes)
        {
            throw new InvalidHeaderException("Content-Length", length is null
                ? $"The body was cut short after {appended.Offset} bytes."
                : $"The body ended after {appended.Offset} of {length} bytes.");
        }
        context.Response.Headers.ETag = body.HashHex();
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private ValueTask<string> RegisterUserAsync(string name, Dictionary<string, string> metadata) =>
        mediator.Send(new RegisterAxisUser(
            Guid.TryParse(name, out var userId) ? userId : throw RequestValidationException.For("UserUUID", $"'{name}' is not the UUID of a user."),
            metadata.GetValueOrDefault("Name") ?? "",
            Active(metadata),
            metadata.GetValueOrDefault("UserID") is { Length: > 0 } supplied ? supplied : null), Aborted);

    private ValueTask<Unit> RegisterDeviceAsync(string serial, Dictionary<string, string> metadata) =>
        mediator.Send(new RegisterCamera(serial, metadata.GetValueOrDefault("Name") ?? serial, metadata.GetValueOrDefault("Model"), Active(metadata)), Aborted);

    private Dictionary<string, string> ObjectMetadata() => AxisMetadata.Read(Request, AxisMetadata.ObjectPrefix);

    private byte[]? ClientETag()
    {
        if (Request.Headers.ETag.FirstOrDefault() is not { Length: > 0 } etag)
        {
            return null;
        }
        var hex = etag.Trim('"');
        return hex.Length == 32 && hex.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(hex)
            : throw new InvalidHeaderException("ETag", "The MD5 of the body as 32 hexadecimal digits is expected.");
    }

    private static bool Active(Dictionary<string, string> metadata) =>
        !string.Equals(metadata.GetValueOrDefault("Active"), "False", StringComparison.OrdinalIgnoreCase);

    private static Guid SystemId(string name) =>
        Guid.TryParse(name, out var systemId) ? systemId : throw RequestValidationException.For("SystemID", $"'{name}' is not a system id (a UUID).");
}
