using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Cli;

/// <summary>
/// The CLI reads configuration as the server does (environment variables with "__", default data folder
/// ./data), so `bodycam token` signs with the key the embedded server checks.
/// </summary>
internal static class CliConfiguration
{
    public static readonly Option<string?> DataRoot = new("--data-root")
    {
        Description = "The server's data folder (Data:Root); default ./data.",
        Recursive = true,
    };

    public static EvidenceSettings Load(ParseResult parsed) => EvidenceSettings.From(Build(parsed));

    public static IConfiguration Build(ParseResult parsed)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (parsed.GetValue(DataRoot) is { } dataRoot)
        {
            builder.AddInMemoryCollection([new("Data:Root", dataRoot)]);
        }
        return builder.Build();
    }
}
