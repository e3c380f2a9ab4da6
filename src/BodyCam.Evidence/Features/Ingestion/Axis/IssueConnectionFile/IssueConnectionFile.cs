using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>Registers a dock for one Axis body worn system and issues the connection file its manager imports.</summary>
[RequiresRole(Roles.Admin)]
public sealed record IssueConnectionFile(string SiteName, string Url, string? ContainerType = null) : ICommand<AxisConnectionFile>;

/// <summary>
/// The connection file of the Axis Body Worn Integration API ("Connection API"): names, order and limits as in the
/// spec's template. Its <see cref="BlobApiKey"/> is the new dock's key, shown here and never again.
/// </summary>
public sealed record AxisConnectionFile(
    [property: JsonPropertyName("ConnectionFileVersion")] string ConnectionFileVersion,
    [property: JsonPropertyName("SiteName")] string SiteName,
    [property: JsonPropertyName("ApplicationName")] string ApplicationName,
    [property: JsonPropertyName("ApplicationVersion")] string ApplicationVersion,
    [property: JsonPropertyName("ContentDestinationAsNTPServer")] bool ContentDestinationAsNtpServer,
    [property: JsonPropertyName("AuthenticationTokenURI")] IReadOnlyList<string> AuthenticationTokenUris,
    [property: JsonPropertyName("HTTPSCertificate")] IReadOnlyList<string>? HttpsCertificates,
    [property: JsonPropertyName("BlobAPIKey")] string BlobApiKey,
    [property: JsonPropertyName("BlobAPIUserName")] string BlobApiUserName,
    [property: JsonPropertyName("ContainerType")] string ContainerType,
    [property: JsonPropertyName("FullStoreAndReadSupport")] bool FullStoreAndReadSupport,
    [property: JsonPropertyName("WantEncryption")] bool? WantEncryption,
    [property: JsonPropertyName("PublicKey")] string? PublicKey,
    [property: JsonPropertyName("PublicKeyId")] string? PublicKeyId)
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// The file is downloaded, not embedded in a page, so nothing needs HTML escaping: the default encoder would
    /// write every '+' of the base64 fields as \u002B and every non-ASCII letter of a site name as an escape.
    /// </summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);

    /// <summary>The spec's limits: a system controller may refuse a file that exceeds any of them.</summary>
    internal void EnsureWithinSpecLimits()
    {
        (string Field, IReadOnlyList<string> Values, int MaxCount, int MaxLength)[] limits =
        [
            ("SiteName", [SiteName], 1, 64),
            ("ApplicationName", [ApplicationName], 1, 256),
            ("ApplicationVersion", [ApplicationVersion], 1, 128),
            ("AuthenticationTokenURI", AuthenticationTokenUris, 10, 512),
            ("HTTPSCertificate", HttpsCertificates ?? [], 10, 16 * 1024),
            ("BlobAPIKey", [BlobApiKey], 1, 64),
            ("BlobAPIUserName", [BlobApiUserName], 1, 64),
            ("PublicKey", PublicKey is null ? [] : [PublicKey], 1, 2048),
            ("PublicKeyId", PublicKeyId is null ? [] : [PublicKeyId], 1, 128),
        ];
        foreach (var (field, values, maxCount, maxLength) in limits)
        {
            if (values.Count > maxCount || values.Any(value => value.Length > maxLength))
            {
                throw new InvalidOperationException(
                    $"The connection file's {field} exceeds the Axis limit of {maxCount} value(s) of {maxLength} characters; check the Axis settings.");
            }
        }
        if (ToUtf8Json().Length > MaxBytes)
        {
            throw new InvalidOperationException($"The connection file exceeds the Axis limit of {MaxBytes} bytes.");
        }
    }
}

internal sealed class IssueConnectionFileHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<IssueConnectionFile, AxisConnectionFile>
{
    private const string ApplicationName = "BodyCam.Evidence";

    /// <summary>Where the Axis system controller GETs its Swift token with X-Auth-User and X-Auth-Key (Access token API).</summary>
    private const string AuthenticationPath = "/auth/v1.0";

    private static readonly string ApplicationVersion = InformationalVersion();

    public ValueTask<AxisConnectionFile> Handle(IssueConnectionFile command, CancellationToken cancellationToken)
    {
        var axis = settings.Axis;
        var certificate = axis.HttpsCertificatePath is { } certificatePath ? CertificatePem(certificatePath) : null;
        var publicKey = axis.EncryptionPublicKeyPath is { } publicKeyPath ? PublicKeyPem(publicKeyPath) : null;
        var site = command.SiteName.Trim();

        var (dock, key) = Dock.Register("Axis " + site, site, caller.Actor.Id, clock.GetUtcNow());
        db.Docks.Add(dock);
        db.CustodyEvents.Record(
            CustodyAction.DockRegistered, caller.Actor, reason: $"dock {dock.Id} '{dock.Name}' issued an Axis connection file for site '{site}'");

        var file = new AxisConnectionFile(
            ConnectionFileVersion: "1.0",
            SiteName: site,
            ApplicationName: ApplicationName,
            ApplicationVersion: ApplicationVersion,
            ContentDestinationAsNtpServer: false,
            AuthenticationTokenUris: [command.Url.Trim().TrimEnd('/') + AuthenticationPath],
            HttpsCertificates: certificate is null ? null : [certificate],
            BlobApiKey: key,
            BlobApiUserName: dock.Id.ToString("D"),
            ContainerType: command.ContainerType ?? axis.ContainerType,
            FullStoreAndReadSupport: false,
            WantEncryption: publicKey is null ? null : true,
            PublicKey: publicKey,
            PublicKeyId: publicKey is null ? null : axis.EncryptionPublicKeyId);
        file.EnsureWithinSpecLimits();
        return ValueTask.FromResult(file);
    }

    private static string InformationalVersion()
    {
        var version = typeof(AxisConnectionFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var release = version.Split('+')[0];
        return release.Length <= 128 ? release : release[..128];
    }

    /// <summary>
    /// Axis's example server sends the base64 of its PEM certificate file, armour lines included, and system
    /// controllers are tested against it; so this sends the certificate in that form, whether the file is PEM or DER.
    /// </summary>
    private static string CertificatePem(string path)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        return Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
    }

    /// <summary>
    /// The spec asks for a "Base64 encoded PEM RSA PublicKey", and Axis's example server puts the base64 of the PEM
    /// file itself there, armour lines included; so does this. The file must hold one RSA public key and nothing
    /// else, so that a path mistakenly pointing at the private key never puts it into a file that gets passed around.
    /// </summary>
    private static string PublicKeyPem(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var refusal = new InvalidOperationException(
            "Axis:EncryptionPublicKeyPath must name a PEM file holding one RSA public key (-----BEGIN PUBLIC KEY-----) and nothing else.");
        if (!PemEncoding.TryFind(text, out var pem)
            || text[pem.Label] != "PUBLIC KEY"
            || !string.IsNullOrWhiteSpace(text[..pem.Location.Start.Value])
            || !string.IsNullOrWhiteSpace(text[pem.Location.End.Value..]))
        {
            throw refusal;
        }
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text[pem.Base64Data]), out _);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(refusal.Message, e);
        }
        return Convert.ToBase64String(bytes);
    }
}
