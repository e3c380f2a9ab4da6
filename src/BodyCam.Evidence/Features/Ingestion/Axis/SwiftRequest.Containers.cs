using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// One Swift request of an Axis system controller, read as the spec names things: what it asks of a container
/// here, of an object in <c>SwiftRequest.Objects.cs</c>.
/// </summary>
internal sealed partial class SwiftRequest(AxisContainer container, string? objectName, HttpContext context, IMediator mediator)
{
    private HttpRequest Request => context.Request;
    private CancellationToken Aborted => context.RequestAborted;

    public async Task<IResult> GetAsync()
    {
        var document = (container.Kind, objectName) switch
        {
            (AxisContainerKind.System, AxisNames.CapabilitiesObject) => AxisDocuments.Capabilities,
            (AxisContainerKind.System, AxisNames.CategoriesObject) => AxisDocuments.Categories(await mediator.Send(new GetCategories(ActiveOnly: true), Aborted)),
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
                var recording = await mediator.Send(new GetOwnRecording(container.Name), Aborted);
                AxisMetadata.Write(context.Response, AxisMetadata.ContainerPrefix, recording.Metadata);
                return Results.NoContent();
            case (AxisContainerKind.System, AxisNames.CapabilitiesObject or AxisNames.CategoriesObject):
                return await GetAsync();
            case (AxisContainerKind.System, _) when Guid.TryParse(objectName, out var systemId):
                var system = await mediator.Send(new GetBodyWornSystem(systemId), Aborted);
                AxisMetadata.Write(context.Response, AxisMetadata.ObjectPrefix, new Dictionary<string, string>
                {
                    ["ConnectionId"] = system.ConnectionId ?? "",
                    ["SystemName"] = system.Name ?? "",
                });
                return Results.Ok();
            case (AxisContainerKind.Recording or AxisContainerKind.RejectedContent, { } name):
                AxisMetadata.Write(context.Response, AxisMetadata.ObjectPrefix, await mediator.Send(new GetOwnRecordingObject(container.Name, name), Aborted));
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

    private Dictionary<string, string> ContainerMetadata() => AxisMetadata.Read(Request, AxisMetadata.ContainerPrefix);
}
