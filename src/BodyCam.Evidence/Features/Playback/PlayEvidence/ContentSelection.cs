using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>An item's stored media as HTTP serves it; <see cref="ETag"/> is its quoted SHA-256.</summary>
public sealed record EvidenceContent(string BlobName, long Length, string ContentType, string ETag, string FileName);

/// <summary>The request's Range and conditional headers, as ASP.NET Core parses them (a malformed Range is absent).</summary>
public sealed record ContentConditions(
    RangeHeaderValue? Range,
    RangeConditionHeaderValue? IfRange,
    IReadOnlyList<EntityTagHeaderValue> IfMatch,
    IReadOnlyList<EntityTagHeaderValue> IfNoneMatch)
{
    public static readonly ContentConditions None = new(null, null, [], []);

    public static ContentConditions Of(HttpRequest request)
    {
        var headers = request.GetTypedHeaders();
        return new ContentConditions(headers.Range, headers.IfRange, [.. headers.IfMatch], [.. headers.IfNoneMatch]);
    }
}

/// <summary>
/// What a content request gets, by RFC 9110: §13.2.2 evaluates If-Match (412), If-None-Match (304), then If-Range
/// (strong comparison; a date never matches, since no Last-Modified is sent) before Range (§14). Satisfiable ranges
/// are sorted and those that overlap or touch are merged (§14.3 allows it); none satisfiable, or more than
/// <see cref="MaxParts"/> parts left, is a 416 (§15.5.17: also for "an excessive request of small ranges").
/// </summary>
public abstract record ContentSelection(EvidenceContent Content)
{
    public const int MaxParts = 16;

    /// <summary>The ranges this answer sends, recorded before they are sent; null when it sends no content.</summary>
    public abstract IReadOnlyList<ByteRange>? Serves { get; }

    public static ContentSelection Select(EvidenceContent content, ContentConditions conditions)
    {
        var etag = EntityTagHeaderValue.Parse(content.ETag);
        if (conditions.IfMatch.Count > 0 && !conditions.IfMatch.Any(tag => IsAny(tag) || tag.Compare(etag, useStrongComparison: true)))
        {
            throw new PreconditionFailedException($"If-Match names none of this item's entity tag {content.ETag}.");
        }
        if (conditions.IfNoneMatch.Any(tag => IsAny(tag) || tag.Compare(etag, useStrongComparison: false)))
        {
            return new NotModified(content);
        }
        if (conditions.Range is not { } range
            || !StringSegment.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase)
            || conditions.IfRange is { } ifRange && ifRange.EntityTag?.Compare(etag, useStrongComparison: true) != true)
        {
            return new Whole(content);
        }
        var parts = ByteRange.Coalesce(range.Ranges.Select(item => Resolve(item, content.Length)).OfType<ByteRange>());
        return parts.Count is 0 or > MaxParts ? new Unsatisfiable(content) : new Partial(content, parts);
    }

    private static bool IsAny(EntityTagHeaderValue tag) => tag.Tag.Equals("*");

    private static ByteRange? Resolve(RangeItemHeaderValue item, long length) => (item.From, item.To) switch
    {
        ({ } first, _) when first >= length => null,
        ({ } first, { } last) => new ByteRange(first, Math.Min(last, length - 1)),
        ({ } first, null) => new ByteRange(first, length - 1),
        (null, { } suffix) when suffix > 0 && length > 0 => new ByteRange(Math.Max(0, length - suffix), length - 1),
        _ => null,
    };

    public sealed record Whole(EvidenceContent Content) : ContentSelection(Content)
    {
        public override IReadOnlyList<ByteRange> Serves => Content.Length == 0 ? [] : [new ByteRange(0, Content.Length - 1)];
    }

    public sealed record Partial(EvidenceContent Content, IReadOnlyList<ByteRange> Parts) : ContentSelection(Content)
    {
        public override IReadOnlyList<ByteRange> Serves => Parts;
    }

    public sealed record NotModified(EvidenceContent Content) : ContentSelection(Content)
    {
        public override IReadOnlyList<ByteRange>? Serves => null;
    }

    public sealed record Unsatisfiable(EvidenceContent Content) : ContentSelection(Content)
    {
        public override IReadOnlyList<ByteRange>? Serves => null;
    }
}
