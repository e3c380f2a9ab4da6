using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace BodyCam.Evidence.Features.Console;

/// <summary>
/// The review console: Razor Pages that sit in the folders of their use cases under <c>Features/</c>, each sending
/// the same Mediator message as that use case's endpoint. Scripts and styles are served from the assembly itself
/// under <see cref="AssetsPath"/>, so the console needs nothing from outside the server.
/// </summary>
public static class ConsoleServices
{
    public const string AssetsPath = "/assets";

    public static IServiceCollection AddEvidenceConsole(this IServiceCollection services, ConsoleSettings console)
    {
        services.AddSingleton(console);
        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Features";
                pages.Conventions.AuthorizeFolder("/");
                pages.Conventions.AllowAnonymousToFolder("/Identity");
                pages.Conventions.AllowAnonymousToPage("/Console/Refused/RefusedPage");
            })
            .AddMvcOptions(mvc => mvc.Filters.Add<ConsoleResponses>());
        return services;
    }

    /// <summary>The console's assets, before routing: a file served from the assembly needs no endpoint.</summary>
    public static IApplicationBuilder UseConsoleAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetsPath,
            FileProvider = new EmbeddedFileProvider(typeof(ConsoleServices).Assembly, "BodyCam.Evidence.Features"),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

    public static IEndpointRouteBuilder MapEvidenceConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorPages();
        return routes;
    }

    /// <summary>The path of an asset that sits beside its page, e.g. <c>Playback/PlayEvidence/player.js</c>.</summary>
    public static string Asset(string path) => $"{AssetsPath}/{path}";
}
