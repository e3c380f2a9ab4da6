using System.Globalization;
using System.Security.Cryptography;
using BodyCam.Evidence.Features.Cameras.RegisterCamera;
using BodyCam.Evidence.Features.Categories.ListCategories;
using BodyCam.Evidence.Features.Docks.IssueDockToken;
using BodyCam.Evidence.Features.Docks.RecordBodyWornSystem;
using BodyCam.Evidence.Features.Ingestion.AppendToUpload;
using BodyCam.Evidence.Features.Officers.RegisterAxisUser;
using BodyCam.Evidence.Features.Recordings.CompleteRecording;
using BodyCam.Evidence.Features.Recordings.DescribeRecording;
using BodyCam.Evidence.Features.Recordings.OpenRecording;
using BodyCam.Evidence.Features.Recordings.StoreRecordingObject;
using BodyCam.Evidence.Features.Recordings.UpdateRecordingMetadata;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Text;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// The Axis Body Worn Integration API: the subset of OpenStack Swift an Axis system controller uses to push
/// recordings to a content destination. A thin adapter: each request is read as the spec names things and
/// sent on as a command of the ingestion core, whose answer becomes a Swift status.
/// </summary>
public static class SwiftEndpoints
{
    public const string AuthPath = "/auth/v1.0";
    public const string StoragePath = "/v1";
    public const string AccountPrefix = "AUTH_";

    public static void MapAxisSwift(this IEndpointRouteBuilder routes)
    {
        routes.Map(AuthPath, Authenticate)
            .WithTags("Ingestion (Axis)")
            .WithSummary("Swift auth v1.0: X-Auth-User and X-Auth-Key (a dock's id and key) for X-Auth-Token and X-Storage-Url.")
            .AllowAnonymous();
        var storage = routes.MapGroup(StoragePath)
            .WithTags("Ingestion (Axis)")
            .RequireAuthorization(EvidenceServices.AxisPolicy)
            .AddEndpointFilter(IngestionAdmission.Filter);
        storage.Map("/{account}/{container}", (string account, string container, HttpContext context) => Storage(account, container, null, context))
            .WithSummary("A Swift container: System, Users, Devices, a recording or rejected content.");
        storage.Map("/{account}/{container}/{**objectName}", (string account, string container, string objectName, HttpContext context) =>
                Storage(account, container, objectName, context))
            .WithSummary("A Swift object: a clip, GNSS trail, bookmark, key, user, device or system id.");
    }

    private static async Task<IResult> Authenticate(HttpContext context, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw NotUsed(context.Request.Method);
        }
        var headers = context.Request.Headers;
        var issued = await mediator.Send(new IssueDockToken(headers["X-Auth-User"].FirstOrDefault(), headers["X-Auth-Key"].FirstOrDefault()), ct);
        var response = context.Response;
        response.Headers["X-Auth-Token"] = issued.Token;
        response.Headers["X-Auth-Token-Expires"] = ((long)(issued.ExpiresAt - clock.GetUtcNow()).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Storage-Url"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{StoragePath}/{AccountPrefix}{issued.DockId:N}";
        return Results.Ok();
    }

    private static async Task<IResult> Storage(string account, string container, string? objectName, HttpContext context)
    {
        var services = context.RequestServices;
        var mediator = services.GetRequiredService<IMediator>();
        var caller = services.GetRequiredService<ICurrentActor>();
        var ct = context.RequestAborted;
        var method = context.Request.Method;
        RefuseUnlessFileName("container", container);
        if (objectName is not null)
        {
            RefuseUnlessFileName("object", objectName);
        }
        var request = new SwiftRequest(AxisNames.ReadContainer(container), objectName, context, mediator);
        if (account != AccountPrefix + Guid.Parse(caller.Actor.Id).ToString("N"))
        {
            throw await services.GetRequiredService<EvidenceDb>().RefuseAsync(
                caller.Actor, $"{method} of Swift account {account}, which is another dock's", "This token does not open that account.", null, ct);
        }
        return method switch
        {
            _ when HttpMethods.IsGet(method) => await request.GetAsync(),
            _ when HttpMethods.IsHead(method) => await request.HeadAsync(),
            _ when HttpMethods.IsPut(method) => objectName is null ? await request.PutContainerAsync() : await request.PutObjectAsync(),
            _ when HttpMethods.IsPost(method) => objectName is null ? await request.PostContainerAsync() : await request.PostObjectAsync(),
            _ => throw NotUsed(method),
        };
    }

    /// <summary>Container and object names become the names a recording and its files are kept and shown under.</summary>
    private static void RefuseUnlessFileName(string field, string name)
    {
        if (FreeText.Refusal(name) is { } refusal)
        {
            throw RequestValidationException.For(field, refusal);
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw RequestValidationException.For(field, "A name of only spaces is refused.");
        }
    }

    private static RequestValidationException NotUsed(string method) =>
        RequestValidationException.For("method", $"{method} is not part of the Axis Body Worn Integration API.");

    private sealed class SwiftRequest(AxisContainer container, string? objectName, HttpContext context, IMediator mediator)
    {
        private HttpRequest Request => context.Request;
        private CancellationToken Aborted => context.RequestAborted;

        public async Task<IResult> GetAsync()
        {
            var document = (container.Kind, objectName) switch
            {
                (AxisContainerKind.System, AxisNames.CapabilitiesObject) => AxisDocuments.Capabilities,
                (AxisContainerKind.System, AxisNames.CategoriesObject) => AxisDocuments.Categories(await mediator.Send(new ListCategories(ActiveOnly: true), Aborted)),
                _ => null,
            };
            if (document is null)
            {
                var caller = context.RequestServices.GetRequiredService<ICurrentActor>();
                throw await context.RequestServices.GetRequiredService<EvidenceDb>().RefuseAsync(
                    caller.Actor, $"GET of Swift object {container.Name}/{objectName}", "Only System/Capabilities.json and System/Categories.json can be read.", null, Aborted);
            }
            context.Response.Headers.ETag = AxisDocuments.ETag(document);
            return Results.Bytes(document, "application/json");
        }

        public async Task<IResult> HeadAsync()
        {
            switch (container.Kind, objectName)
            {
                case (AxisContainerKind.System or AxisContainerKind.Users or AxisContainerKind.Devices, null):
                    return Results.NoContent();
                case (AxisContainerKind.Recording or AxisContainerKind.RejectedContent, null):
                    var recording = await mediator.Send(new DescribeRecording(container.Name), Aborted);
                    AxisMetadata.Write(context.Response, AxisMetadata.ContainerPrefix, recording.Metadata);
                    return Results.NoContent();
                case (AxisContainerKind.System, AxisNames.CapabilitiesObject or AxisNames.CategoriesObject):
                    return await GetAsync();
                case (AxisContainerKind.System, _) when Guid.TryParse(objectName, out var systemId):
                    var system = await mediator.Send(new DescribeBodyWornSystem(systemId), Aborted);
                    AxisMetadata.Write(context.Response, AxisMetadata.ObjectPrefix, new Dictionary<string, string>
                    {
                        ["ConnectionId"] = system.ConnectionId ?? "",
                        ["SystemName"] = system.Name ?? "",
                    });
                    return Results.Ok();
                case (AxisContainerKind.Recording or AxisContainerKind.RejectedContent, { } name):
                    AxisMetadata.Write(context.Response, AxisMetadata.ObjectPrefix, await mediator.Send(new DescribeRecordingObject(container.Name, name), Aborted));
                    return Results.Ok();
                default:
                    throw new NotFoundException($"There is nothing at {container.Name}/{objectName} to describe.");
            }
        }

        public async Task<IResult> PutContainerAsync()
        {
            switch (container.Kind)
            {
                case AxisContainerKind.System or AxisContainerKind.Users or AxisContainerKind.Devices:
                    return Results.Accepted();
                case AxisContainerKind.Recording or AxisContainerKind.RejectedContent:
                    var rejected = container.Kind == AxisContainerKind.RejectedContent;
                    Guid? userId = Guid.TryParse(container.UserId, out var parsed) ? parsed
                        : rejected ? null
                        : throw RequestValidationException.For("UserID", $"'{container.UserId}' is not the UUID of a user.");
                    if (!rejected && !RecordingMetadata.IsIdentifier(container.DeviceSerial))
                    {
                        throw RequestValidationException.For("BWCSerialNumber", $"'{container.DeviceSerial}' is not a serial number.");
                    }
                    var opened = await mediator.Send(
                        new OpenRecording(container.Name, userId, container.DeviceSerial, container.TriggerOnTime, rejected, ContainerMetadata()), Aborted);
                    return opened.Created ? Results.StatusCode(StatusCodes.Status201Created) : Results.Accepted();
                default:
                    throw RequestValidationException.For("container", $"'{container.Name}' is neither a recording (<UserID>_<BWCSerialNumber>_<YYYYMMDDTHHMMSSZ>) nor a container of the Axis API.");
            }
        }

        public async Task<IResult> PostContainerAsync()
        {
            if (container.Kind is not (AxisContainerKind.Recording or AxisContainerKind.RejectedContent))
            {
                return container.Kind == AxisContainerKind.Unknown ? throw new NotFoundException($"There is no container '{container.Name}'.") : Results.NoContent();
            }
            var metadata = ContainerMetadata();
            if (!string.Equals(metadata.GetValueOrDefault("Status"), "Complete", StringComparison.OrdinalIgnoreCase))
            {
                await mediator.Send(new UpdateRecordingMetadata(container.Name, null, metadata), Aborted);
                return Results.NoContent();
            }
            return await mediator.Send(new CompleteRecording(container.Name, metadata), Aborted) switch
            {
                RecordingSafety.Verified => Results.NoContent(),
                RecordingSafety.Verifying => throw new ServiceUnavailableException(
                    "The recording's clips are being read back from storage to verify them; send Status: Complete again.", TimeSpan.FromSeconds(5)),
                _ => throw RequestValidationException.For("Status", "A clip of this recording was quarantined: the bytes stored differ from those received. Keep the recording."),
            };
        }

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
                case AxisContainerKind.Recording or AxisContainerKind.RejectedContent when AxisNames.IsClip(name):
                    return await PutClipAsync(name, metadata);
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
        /// A clip is an upload of the ingestion core, begun and completed in one request: hashed as it streams
        /// into the store and queued for verification. A client ETag is checked as the MD5 of the body; on a
        /// mismatch nothing is kept and the answer is 422, as Swift answers.
        /// </summary>
        private async Task<IResult> PutClipAsync(string name, Dictionary<string, string> metadata)
        {
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
            var recording = await mediator.Send(new DescribeRecording(container.Name), Aborted);
            var upload = AxisClip.ToUploadMetadata(name, metadata, recording);
            var checksum = ClientETag() is { } md5 ? new UploadChecksum(HashAlgorithmName.MD5, md5) : null;
            var length = Request.ContentLength;
            await using var body = new HashingReadStream(Request.Body, HashAlgorithmName.MD5);

            var begun = await mediator.Send(new BeginUpload.BeginUpload(length, upload, null, recording.RecordingId, recording.Rejected), Aborted);
            AppendedToUpload appended;
            try
            {
                appended = await mediator.Send(new AppendToUpload.AppendToUpload(begun.UploadId, 0, body, length, null, checksum), Aborted);
            }
            catch (ChecksumMismatchException)
            {
                await mediator.Send(new TerminateUpload.TerminateUpload(begun.UploadId), CancellationToken.None);
                throw new UnprocessableContentException("The body's MD5 does not match the ETag sent; nothing of it was kept.");
            }
            if (length is null)
            {
                await mediator.Send(new AppendToUpload.AppendToUpload(begun.UploadId, appended.Offset, Stream.Null, 0, appended.Offset, null), Aborted);
            }
            else if (appended.Offset != length)
            {
                throw new InvalidHeaderException("Content-Length", $"The body ended after {appended.Offset} of {length} bytes.");
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

        private Dictionary<string, string> ContainerMetadata() => AxisMetadata.Read(Request, AxisMetadata.ContainerPrefix);

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
}
