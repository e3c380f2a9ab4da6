using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Infrastructure.Problems;

/// <summary>A refusal the client should see as an RFC 9457 problem with this status, title and detail.</summary>
public abstract class EvidenceProblemException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}

public sealed class NotFoundException(string detail) : EvidenceProblemException(StatusCodes.Status404NotFound, "Not found", detail);

public sealed class ForbiddenException(string detail) : EvidenceProblemException(StatusCodes.Status403Forbidden, "Forbidden", detail);

public sealed class ConflictException(string detail) : EvidenceProblemException(StatusCodes.Status409Conflict, "Conflict", detail);

/// <summary>One or more fields of a request are invalid; keys are field names as the client sent them.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : EvidenceProblemException(StatusCodes.Status400BadRequest, "One or more fields are invalid", "See errors for each failing field.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
