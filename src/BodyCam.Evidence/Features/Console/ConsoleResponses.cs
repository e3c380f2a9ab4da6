using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BodyCam.Evidence.Features.Console;

/// <summary>
/// What every console page answers with: a strict Content-Security-Policy (scripts, styles and media from the server
/// only; map tiles from the configured tile server), and a refusal shown as a page that says what was not allowed and
/// that it was recorded, never a stack trace or a bare status.
/// </summary>
internal sealed class ConsoleResponses(ConsoleSettings console) : IAsyncPageFilter
{
    private readonly string _policy = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        $"img-src 'self' data:{(console.TileOrigin is { } tiles ? " " + tiles : "")}",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'");

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var executed = await next();
        if (executed.Exception is EvidenceProblemException refused && !executed.ExceptionHandled)
        {
            if (refused is RequestValidationException invalid)
            {
                await InvalidRequests.RecordAsync(context.HttpContext, InvalidRequests.Describe(invalid.Errors));
            }
            executed.Result = RefusalView(context, Refusal.Of(refused));
            executed.ExceptionHandled = true;
        }
    }

    internal static ViewResult RefusalView(FilterContext context, Refusal refusal) => new()
    {
        ViewName = Refusal.View,
        StatusCode = refusal.Status,
        ViewData = new ViewDataDictionary<Refusal>(new EmptyModelMetadataProvider(), context.ModelState) { Model = refusal },
    };
}
