using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// The Axis Body Worn Integration API: how long a Swift auth token lives, and what the connection file tells
/// the Axis manager. Its uploads are bounded as every ingestion is (<see cref="IngestionSettings"/>).
/// </summary>
public sealed record AxisSettings(
    TimeSpan TokenLifetime,
    string ContainerType,
    string? HttpsCertificatePath,
    string? EncryptionPublicKeyPath,
    string? EncryptionPublicKeyId)
{
    public static readonly IReadOnlyList<string> ContainerTypes = ["mp4", "mkv"];

    public static AxisSettings From(IConfiguration configuration)
    {
        var settings = new AxisSettings(
            configuration.Value("Axis:TokenLifetime", TimeSpan.FromHours(1)),
            configuration["Axis:ContainerType"] ?? "mp4",
            configuration["Axis:HttpsCertificatePath"],
            configuration["Axis:EncryptionPublicKeyPath"],
            configuration["Axis:EncryptionPublicKeyId"]);
        if (settings.TokenLifetime < TimeSpan.FromMinutes(1))
        {
            throw new ConfigurationException("Axis:TokenLifetime must be at least a minute.");
        }
        if (!ContainerTypes.Contains(settings.ContainerType))
        {
            throw new ConfigurationException("Axis:ContainerType must be mp4 or mkv.");
        }
        if (settings.EncryptionPublicKeyPath is null != settings.EncryptionPublicKeyId is null)
        {
            throw new ConfigurationException("Axis:EncryptionPublicKeyPath and Axis:EncryptionPublicKeyId are set together or not at all.");
        }
        return settings;
    }
}
