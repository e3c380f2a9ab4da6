using System.Net;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>A body that sends its first half, then waits to be released before sending the rest.</summary>
internal sealed class HeldContent(byte[] bytes) : HttpContent
{
    private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPartSent => _firstPartSent.Task;

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = bytes.Length / 2;
        await stream.WriteAsync(bytes.AsMemory(0, half));
        await stream.FlushAsync();
        _firstPartSent.TrySetResult();
        await _released.Task;
        await stream.WriteAsync(bytes.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
