using System.Collections.Concurrent;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// One writer per upload: a second request for an upload that is being written gets 423 and may retry. The
/// lock lives in this process; running several API processes needs requests for one upload routed to one of
/// them, or a shared lease.
/// </summary>
public sealed class UploadLocks
{
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    public IDisposable Acquire(string uploadId) =>
        _held.TryAdd(uploadId, 0)
            ? new Release(_held, uploadId)
            : throw new LockedException($"Upload {uploadId} is being written by another request; retry when it ends.");

    private sealed class Release(ConcurrentDictionary<string, byte> held, string uploadId) : IDisposable
    {
        public void Dispose() => held.TryRemove(uploadId, out _);
    }
}
