using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// At most Axis:MaxConcurrentUploads object uploads at once in this process. A system controller over the
/// limit is told 503 with Retry-After, which the Axis spec defines as "busy, try again soon", rather than
/// being queued behind uploads that may take minutes.
/// </summary>
public sealed class SwiftUploadSlots(EvidenceSettings settings) : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _slots = new(settings.Axis.MaxConcurrentUploads, settings.Axis.MaxConcurrentUploads);

    public IDisposable Take() =>
        _slots.Wait(0)
            ? new Slot(_slots)
            : throw new ServiceUnavailableException(
                $"{settings.Axis.MaxConcurrentUploads} uploads are already running; send this one again later.", RetryAfter);

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
