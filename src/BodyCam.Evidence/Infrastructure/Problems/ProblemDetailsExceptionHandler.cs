using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Infrastructure.Problems;

/// <summary>
/// Turns every exception into an RFC 9457 problem. Expected refusals keep their status and message; anything
/// else is a 500 (or 503/507 for an unreachable or full store) whose detail says nothing of the internals.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    private const int DiskFullErrno = 28;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException invalid => new ValidationProblemDetails(invalid.Errors)
            {
                Status = invalid.StatusCode,
                Title = invalid.Title,
                Detail = invalid.Message,
            },
            InvalidHeaderException invalid => new ValidationProblemDetails(new Dictionary<string, string[]> { [invalid.Header] = [invalid.Message] })
            {
                Status = invalid.StatusCode,
                Title = invalid.Title,
                Detail = invalid.Message,
            },
            EvidenceProblemException refused => Problem(refused.StatusCode, refused.Title, refused.Message),
            BadHttpRequestException { InnerException: JsonException json } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [JsonField(json)] = ["The value is not valid JSON of the expected type."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read",
            },
            BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
            _ when IsStoreUnreachable(exception) =>
                Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "The blob store did not answer; try again later."),
            IOException { HResult: DiskFullErrno } =>
                Problem(StatusCodes.Status507InsufficientStorage, "Insufficient storage", "The store has no room left."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problem(StatusCodes.Status499ClientClosedRequest, "Client closed request", "The request was cancelled by the client."),
            _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", "The server failed to handle the request; it has been logged."),
        };

        if (problem.Status >= 500 && exception is not EvidenceProblemException)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/");
        }
        if (problem.Status == StatusCodes.Status400BadRequest && exception is not RecordedRefusalException)
        {
            await InvalidRequests.RecordAsync(httpContext, problem is ValidationProblemDetails { Errors.Count: > 0 } invalid
                ? InvalidRequests.Describe(invalid.Errors)
                : problem.Detail ?? problem.Title ?? "invalid request");
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is ServiceUnavailableException { RetryAfter: var retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // ASP.NET Core writes no body at all when Accept rules out JSON. RFC 9110 §12.5.1 lets a server disregard
        // Accept, and a client refused a CSV download still needs to learn which field was wrong.
        httpContext.Request.Headers.Accept = default;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>Azure's client gives up with an AggregateException of its attempts when the store does not answer.</summary>
    private static bool IsStoreUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStoreUnreachable),
        _ => false,
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>System.Text.Json reports the failing member as a JSON path ("$.name"); the field is the path without "$.".</summary>
    private static string JsonField(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : json.Path ?? "$";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure of {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
