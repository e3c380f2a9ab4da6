using System.Globalization;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Text;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// The Axis Body Worn Integration API: the subset of OpenStack Swift an Axis system controller uses to push
/// recordings to a content destination. A thin adapter: each request is read as the spec names things and
/// sent on as a command of the ingestion core, whose answer becomes a Swift status.
/// </summary>
public sealed class SwiftEndpoints : IEndpoint
{
    public const string AuthPath = "/auth/v1.0";
    public const string StoragePath = "/v1";
    public const string AccountPrefix = "AUTH_";

    public void Map(IEndpointRouteBuilder routes)
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
            .WithSummary("A Swift object: a segment, GNSS trail, bookmark, key, user, device or system id.");
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
}
