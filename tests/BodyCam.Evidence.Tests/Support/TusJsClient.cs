using System.Text.Json;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>The real tus-js-client (npm, installed by deploy/local), run by node.</summary>
internal static class TusJsClient
{
    private static readonly string Script = Path.Combine(LocalServices.RepositoryRoot, "tests", "BodyCam.Evidence.Tests", "Support", "tus-upload.cjs");
    private static readonly string NodeModules = Path.Combine(LocalServices.RepositoryRoot, "deploy", "local", "node", "node_modules");

    /// <summary>Uploads the file and returns the upload URL; throws with the client's error when it fails.</summary>
    public static async Task<Uri> UploadAsync(Uri endpoint, string file, object options)
    {
        var output = await LocalServices.RunAsync(
            "node",
            new Dictionary<string, string> { ["NODE_PATH"] = NodeModules },
            Script, file, endpoint.ToString(), JsonSerializer.Serialize(options, JsonSerializerOptions.Web));
        return new Uri(JsonDocument.Parse(output).RootElement.GetProperty("url").GetString()!);
    }
}
