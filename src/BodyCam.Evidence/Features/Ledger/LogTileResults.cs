using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>How the tiled log (c2sp.org/tlog-tiles) answers: content types and caching as the specification sets them.</summary>
internal static class LogTileResults
{
    public const string TileContentType = "application/octet-stream";

    /// <summary>"This endpoint is mutable, so its headers SHOULD prevent caching beyond a few seconds."</summary>
    public const string CheckpointCaching = "public, max-age=5";

    /// <summary>
    /// A full tile or bundle never changes. A partial one never changes either, but the specification lets a log drop
    /// it once the full one exists and clients move on to wider ones within seconds, so caches keep it briefly.
    /// </summary>
    private const string ImmutableCaching = "max-age=31536000, immutable";

    private const string PartialCaching = "max-age=60";

    public static FileContentHttpResult HashTile(HttpResponse response, LogTile tile)
    {
        response.Headers.CacheControl = "public, " + (tile.IsFull ? ImmutableCaching : PartialCaching);
        return TypedResults.Bytes(tile.Content, TileContentType);
    }

    /// <summary>
    /// Private: a shared cache must not hand an auditor's bundle to the next caller. Gzipped when the client accepts it,
    /// as the specification recommends: the entries are JSON and shrink several times over.
    /// </summary>
    public static FileContentHttpResult EntryBundle(HttpRequest request, HttpResponse response, LogTile bundle)
    {
        response.Headers.CacheControl = "private, " + (bundle.IsFull ? ImmutableCaching : PartialCaching);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (!request.GetTypedHeaders().AcceptEncoding.Any(encoding => encoding.Value == "gzip" && encoding.Quality is not 0))
        {
            return TypedResults.Bytes(bundle.Content, TileContentType);
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(bundle.Content);
        }
        response.Headers.ContentEncoding = "gzip";
        return TypedResults.Bytes(compressed.ToArray(), TileContentType);
    }
}
