using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Infrastructure.Problems;

/// <summary>A refusal the client should see as an RFC 9457 problem with this status, title and detail.</summary>
public abstract class EvidenceProblemException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}

public sealed class NotFoundException(string detail) : EvidenceProblemException(StatusCodes.Status404NotFound, "Not found", detail);

/// <summary>A refusal already recorded as a custody event, which must stay committed whatever happens to the request.</summary>
public abstract class RecordedRefusalException(int statusCode, string title, string detail) : EvidenceProblemException(statusCode, title, detail);

public sealed class ForbiddenException(string detail) : RecordedRefusalException(StatusCodes.Status403Forbidden, "Forbidden", detail);

public sealed class UnauthorizedException(string detail) : RecordedRefusalException(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

/// <summary>A conflict whose refusal is itself evidence: an attempt to destroy what must be kept.</summary>
/// <summary>A 410 that is recorded as a custody event: a download of an expired or used-up export.</summary>
public sealed class RefusedGoneException(string detail) : RecordedRefusalException(StatusCodes.Status410Gone, "Gone", detail);

public sealed class RefusedConflictException(string detail) : RecordedRefusalException(StatusCodes.Status409Conflict, "Conflict", detail);

/// <summary>A 422 that is recorded as a custody event: an approval the item's facts do not allow, such as a clip of media that cannot be cut.</summary>
public sealed class RefusedUnprocessableException(string detail)
    : RecordedRefusalException(StatusCodes.Status422UnprocessableEntity, "Unprocessable content", detail);

/// <summary>The server cannot take this now but will soon: the client should send the same request again after <see cref="RetryAfter"/>.</summary>
public sealed class ServiceUnavailableException(string detail, TimeSpan retryAfter)
    : EvidenceProblemException(StatusCodes.Status503ServiceUnavailable, "Try again later", detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

public sealed class UnprocessableContentException(string detail)
    : EvidenceProblemException(StatusCodes.Status422UnprocessableEntity, "Unprocessable content", detail);

public sealed class ConflictException(string detail) : EvidenceProblemException(StatusCodes.Status409Conflict, "Conflict", detail);

/// <summary>One or more fields of a request are invalid; keys are field names as the client sent them.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : EvidenceProblemException(StatusCodes.Status400BadRequest, "One or more fields are invalid", "See errors for each failing field.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One field, one message: the common case of a handler that finds a field invalid.</summary>
    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class GoneException(string detail) : EvidenceProblemException(StatusCodes.Status410Gone, "Gone", detail);

public sealed class LockedException(string detail) : EvidenceProblemException(StatusCodes.Status423Locked, "Locked", detail);

public sealed class PayloadTooLargeException(string detail) : EvidenceProblemException(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);

public sealed class UnsupportedMediaTypeException(string detail)
    : EvidenceProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

public sealed class PreconditionFailedException(string detail) : EvidenceProblemException(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail);

/// <summary>tus checksum extension: 460 when the received bytes do not match the sender's Upload-Checksum.</summary>
public sealed class ChecksumMismatchException(string detail) : EvidenceProblemException(460, "Checksum mismatch", detail);

/// <summary>A request whose header (not its JSON body) is missing or malformed; the header is named as the failing field.</summary>
public sealed class InvalidHeaderException(string header, string message)
    : EvidenceProblemException(StatusCodes.Status400BadRequest, "Invalid header", $"{header}: {message}")
{
    public string Header { get; } = header;
}
