using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BodyCam.Evidence.Features.Console;

/// <summary>Where the server's authorisation sends a person it turned away (it has recorded the attempt already).</summary>
public sealed class RefusedPage : PageModel
{
    public Refusal Refusal { get; } = new(
        StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this page.", Recorded: true, Fields: []);

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
