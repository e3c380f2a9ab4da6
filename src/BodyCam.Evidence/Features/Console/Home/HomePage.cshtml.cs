using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BodyCam.Evidence.Features.Console;

/// <summary>The start page: what the signed-in person's role can do here.</summary>
public sealed class HomePage : PageModel;
