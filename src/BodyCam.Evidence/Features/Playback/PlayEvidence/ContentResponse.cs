using System.IO.Pipelines;
using System.Text;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Writes a <see cref="ContentSelection"/>: 200 whole, 206 with one range or as <c>multipart/byteranges</c> (RFC 9110
/// §14.6), 304, or a 416 problem. Each range is streamed from the blob store as it is read; nothing holds the media.
/// Media is never cached (every byte served passes through a view session), and is sandboxed and never sniffed:
/// its content type is what the sender declared.
/// </summary>
public sealed class ContentResponse(ContentSelection selection, IBlobStore store) : IResult
{
    /// <summary>Four of Kestrel's 64 KiB response buffers: few enough reads and flushes per range, little memory per request.</summary>
    private const int ChunkBytes = 256 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var content = selection.Content;
        var response = httpContext.Response;
        var headers = response.GetTypedHeaders();
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = content.ETag;
        response.Headers.CacheControl = "no-store";
        if (selection is ContentSelection.NotModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        if (selection is ContentSelection.Unsatisfiable)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(content.Length).ToString();
            await TypedResults.Problem(
                $"No range asked for lies within the {content.Length} bytes of this item, or more than {ContentSelection.MaxParts} separate ranges were asked for.",
                statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable").ExecuteAsync(httpContext);
            return;
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(content.FileName);
        headers.ContentDisposition = disposition;
        var cancellationToken = httpContext.RequestAborted;
        try
        {
            switch (selection)
            {
                case ContentSelection.Partial { Parts: [var only] }:
                    await using (var source = await store.OpenReadAsync(content.BlobName, only.First, only.Length, cancellationToken))
                    {
                        response.StatusCode = StatusCodes.Status206PartialContent;
                        response.ContentType = content.ContentType;
                        response.ContentLength = only.Length;
                        headers.ContentRange = new ContentRangeHeaderValue(only.First, only.Last, content.Length);
                        await SendAsync(source, only.Length, response.BodyWriter, cancellationToken);
                    }
                    break;
                case ContentSelection.Partial partial:
                    await WriteMultipartAsync(response, content, partial.Parts, cancellationToken);
                    break;
                default:
                    await using (var source = await store.OpenReadAsync(content.BlobName, 0, content.Length, cancellationToken))
                    {
                        response.StatusCode = StatusCodes.Status200OK;
                        response.ContentType = content.ContentType;
                        response.ContentLength = content.Length;
                        await SendAsync(source, content.Length, response.BodyWriter, cancellationToken);
                    }
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The player went away (a seek cancels the running request); what was recorded is what was offered.
        }
    }

    private async Task WriteMultipartAsync(HttpResponse response, EvidenceContent content, IReadOnlyList<ByteRange> parts, CancellationToken cancellationToken)
    {
        var boundary = Guid.NewGuid().ToString("N");
        var partHeaders = parts.Select((part, i) => Encoding.ASCII.GetBytes(
            $"{(i == 0 ? "" : "\r\n")}--{boundary}\r\nContent-Type: {content.ContentType}\r\n" +
            $"Content-Range: {new ContentRangeHeaderValue(part.First, part.Last, content.Length)}\r\n\r\n")).ToList();
        var end = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        await using (var first = await store.OpenReadAsync(content.BlobName, parts[0].First, parts[0].Length, cancellationToken))
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.ContentType = $"multipart/byteranges; boundary={boundary}";
            response.ContentLength = partHeaders.Sum(h => h.Length) + parts.Sum(p => p.Length) + end.Length;
            await response.Body.WriteAsync(partHeaders[0], cancellationToken);
            await SendAsync(first, parts[0].Length, response.BodyWriter, cancellationToken);
        }
        for (var i = 1; i < parts.Count; i++)
        {
            await using var source = await store.OpenReadAsync(content.BlobName, parts[i].First, parts[i].Length, cancellationToken);
            await response.Body.WriteAsync(partHeaders[i], cancellationToken);
            await SendAsync(source, parts[i].Length, response.BodyWriter, cancellationToken);
        }
        await response.Body.WriteAsync(end, cancellationToken);
    }

    /// <summary>
    /// Reads the blob straight into the response's own buffers, so no byte is copied between a buffer of ours and
    /// Kestrel's; each chunk goes out before the next is read.
    /// </summary>
    private static async Task SendAsync(Stream source, long length, PipeWriter body, CancellationToken cancellationToken)
    {
        while (length > 0)
        {
            var buffer = body.GetMemory((int)Math.Min(length, ChunkBytes));
            var read = await source.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length)], cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The blob store ended the content {length} bytes before its length.");
            }
            body.Advance(read);
            length -= read;
            await body.FlushAsync(cancellationToken);
        }
    }
}
