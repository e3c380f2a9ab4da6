using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BodyCam.Evidence.Features.Ingestion.Tus;

/// <summary>
/// What tus asks of every request and response under the endpoint, before routing: the method override for
/// clients that cannot send PATCH or DELETE, the protocol version check (412), the Tus-Resumable header on
/// every response, and no request size limit, since an upload's bytes are streamed and bounded by Tus-Max-Size.
/// </summary>
public static class TusProtocolMiddleware
{
    public static IApplicationBuilder UseTusProtocol(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(TusEndpoints.Path))
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Headers[TusHeaders.MethodOverride].ToString() is { Length: > 0 } method)
        {
            request.Method = method.ToUpperInvariant();
        }
        // Headers set now would be cleared if an exception handler writes the response, so they are set as it starts.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[TusHeaders.Resumable] = TusHeaders.ProtocolVersion;
            if (context.Response.StatusCode == StatusCodes.Status412PreconditionFailed)
            {
                context.Response.Headers[TusHeaders.Version] = TusHeaders.ProtocolVersion;
            }
            return Task.CompletedTask;
        });
        if (!HttpMethods.IsOptions(request.Method) && request.Headers[TusHeaders.Resumable] != TusHeaders.ProtocolVersion)
        {
            throw new PreconditionFailedException($"This server speaks tus {TusHeaders.ProtocolVersion}; send Tus-Resumable: {TusHeaders.ProtocolVersion}.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        await next(context);
    });
}
