using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>Logs the message name, outcome and duration; never the message itself, which may carry personal data.</summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(typeof(TMessage).Name, elapsed);
            return response;
        }
        catch (Exception e)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogFailed(typeof(TMessage).Name, elapsed, e.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string messageType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} failed after {ElapsedMs:0.0} ms with {Error}")]
    private partial void LogFailed(string messageType, double elapsedMs, string error);
}
