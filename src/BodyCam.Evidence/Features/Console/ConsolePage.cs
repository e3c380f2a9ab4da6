using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BodyCam.Evidence.Features.Console;

/// <summary>
/// A console page sends its use case's Mediator message, as the endpoint does. A form's invalid fields come back
/// beside the form (and are recorded as a refused request); every other refusal becomes the refusal page.
/// </summary>
public abstract class ConsolePage(IMediator mediator) : PageModel
{
    protected IMediator Mediator { get; } = mediator;

    /// <summary>Sends <paramref name="command"/>; when its fields are refused, they are in ModelState and the result is default.</summary>
    protected Task<TResponse?> TrySendAsync<TResponse>(ICommand<TResponse> command) =>
        TrySendAsync(async () => await Mediator.Send(command, HttpContext.RequestAborted));

    /// <summary>Sends <paramref name="query"/>, a filter form's search; when its fields are refused, they are in ModelState and the result is default.</summary>
    protected Task<TResponse?> TrySendAsync<TResponse>(IQuery<TResponse> query) =>
        TrySendAsync(async () => await Mediator.Send(query, HttpContext.RequestAborted));

    private async Task<TResponse?> TrySendAsync<TResponse>(Func<Task<TResponse>> send)
    {
        try
        {
            return await send();
        }
        catch (RequestValidationException invalid)
        {
            await InvalidRequests.RecordAsync(HttpContext, InvalidRequests.Describe(invalid.Errors));
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, $"{field}: {message}");
                }
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return default;
        }
    }
}
