using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Storage;

public enum StorageProvider
{
    FileSystem,
    AzureBlob,
}

public enum ImmutabilityMode
{
    Off,
    Unlocked,
    Locked,
}

/// <summary>
/// Where evidence bytes are kept: a folder (<see cref="Root"/>), or an Azure Blob <see cref="Container"/> reached by a
/// connection string or by an account URL and the process's managed identity.
/// </summary>
public sealed record BlobStorageSettings(StorageProvider Provider, string Root, string? Connection, Uri? AccountUrl, string Container)
{
    public static BlobStorageSettings From(IConfiguration configuration, string dataRoot)
    {
        var provider = configuration.Value("Storage:Provider", StorageProvider.FileSystem);
        var connection = configuration.GetConnectionString("Blobs");
        var accountUrl = AccountUrlFrom(configuration["Storage:AccountUrl"]);
        if (provider == StorageProvider.AzureBlob && string.IsNullOrEmpty(connection) && accountUrl is null)
        {
            throw new ConfigurationException(
                "ConnectionStrings:Blobs or Storage:AccountUrl is required when Storage:Provider is AzureBlob.");
        }
        if (provider == StorageProvider.AzureBlob && !string.IsNullOrEmpty(connection))
        {
            ConfigurationValues.EnsureConnectionString("ConnectionStrings:Blobs", "Azure Storage", () => new BlobServiceClient(connection));
        }
        return new BlobStorageSettings(
            provider,
            Path.GetFullPath(configuration["Storage:Root"] ?? Path.Combine(dataRoot, "blobs")),
            string.IsNullOrEmpty(connection) ? null : connection,
            accountUrl,
            configuration["Storage:Container"] ?? "evidence");
    }

    /// <summary>
    /// The account is reached with a managed identity's bearer tokens, which must not cross a network in clear;
    /// https only: Azure.Core refuses to send a bearer token over plain http, even to Azurite on loopback.
    /// </summary>
    private static Uri? AccountUrlFrom(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ConfigurationException(
                $"Storage:AccountUrl '{value}' must be an absolute https URL, such as https://<account>.blob.core.windows.net: " +
                "a managed identity's token is never sent over plain http.");
        }
        return url;
    }
}
