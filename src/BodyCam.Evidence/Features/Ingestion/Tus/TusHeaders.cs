using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Features.Ingestion.Tus;

/// <summary>The tus 1.0 headers and how their values are read. A malformed value is a 400 that names the header.</summary>
public static class TusHeaders
{
    public const string Resumable = "Tus-Resumable";
    public const string Version = "Tus-Version";
    public const string Extension = "Tus-Extension";
    public const string MaxSize = "Tus-Max-Size";
    public const string ChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadChecksum = "Upload-Checksum";
    public const string MethodOverride = "X-HTTP-Method-Override";

    public const string ProtocolVersion = "1.0.0";
    public const string OffsetContentType = "application/offset+octet-stream";
    public const string Extensions = "creation,creation-with-upload,creation-defer-length,expiration,checksum,termination";
    public const string ChecksumAlgorithms = "sha256,sha1,md5";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static long? NonNegativeNumber(HttpRequest request, string header)
    {
        var value = request.Headers[header].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidHeaderException(header, "A non-negative decimal integer is required.");
    }

    /// <summary>Creation: exactly one of Upload-Length and "Upload-Defer-Length: 1".</summary>
    public static long? CreationLength(HttpRequest request)
    {
        var length = NonNegativeNumber(request, UploadLength);
        var deferred = request.Headers[UploadDeferLength].ToString();
        return (length, deferred) switch
        {
            (not null, "") => length,
            (null, "1") => null,
            (null, "") => throw new InvalidHeaderException(UploadLength, "Upload-Length or Upload-Defer-Length: 1 is required."),
            (null, _) => throw new InvalidHeaderException(UploadDeferLength, "The only value allowed is 1."),
            _ => throw new InvalidHeaderException(UploadDeferLength, "Upload-Length and Upload-Defer-Length cannot both be sent."),
        };
    }

    /// <summary>"key base64,key2 base64": keys unique, ASCII without spaces or commas; values base64 of UTF-8 text.</summary>
    public static Dictionary<string, string> Metadata(string? header)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return metadata;
        }
        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ');
            var key = parts[0];
            if (parts.Length > 2 || key.Length == 0 || key.Any(c => c > 0x7e || c <= 0x20))
            {
                throw new InvalidHeaderException(UploadMetadata, $"'{Shorten(pair)}' is not a key and base64 value separated by one space.");
            }
            if (!metadata.TryAdd(key, parts.Length == 2 ? DecodeValue(key, parts[1]) : ""))
            {
                throw new InvalidHeaderException(UploadMetadata, $"The key '{key}' appears twice.");
            }
        }
        return metadata;
    }

    public static UploadChecksum? Checksum(HttpRequest request)
    {
        var value = request.Headers[UploadChecksum].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        var parts = value.Split(' ');
        var (algorithm, size) = parts[0] switch
        {
            "sha256" => (HashAlgorithmName.SHA256, SHA256.HashSizeInBytes),
            "sha1" => (HashAlgorithmName.SHA1, SHA1.HashSizeInBytes),
            "md5" => (HashAlgorithmName.MD5, MD5.HashSizeInBytes),
            _ => throw new InvalidHeaderException(UploadChecksum, $"The algorithm must be one of {ChecksumAlgorithms}."),
        };
        var digest = new byte[size];
        return parts.Length == 2 && Convert.TryFromBase64String(parts[1], digest, out var written) && written == size
            ? new UploadChecksum(algorithm, digest)
            : throw new InvalidHeaderException(UploadChecksum, $"A base64 {algorithm.Name} digest of {size} bytes must follow the algorithm.");
    }

    public static string HttpDate(DateTimeOffset time) => time.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    private static string DecodeValue(string key, string base64)
    {
        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new InvalidHeaderException(UploadMetadata, $"The value of '{key}' is not base64-encoded UTF-8.");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
