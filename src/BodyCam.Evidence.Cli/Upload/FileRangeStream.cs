using Microsoft.Win32.SafeHandles;

namespace BodyCam.Evidence.Cli.Upload;

/// <summary>
/// A PATCH body read straight from the recording, so that a chunk is never held in memory. Reports how far
/// it has been read, which is how far the request body has got.
/// </summary>
internal sealed class FileRangeStream(SafeFileHandle file, long start, long length, Action<long> onProgress) : Stream
{
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(file, buffer[..Remaining(buffer.Length)], start + position);
        return Advance(read);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await RandomAccess.ReadAsync(file, buffer[..Remaining(buffer.Length)], start + position, cancellationToken);
        return Advance(read);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Remaining(int bufferLength) => (int)Math.Min(bufferLength, length - position);

    private int Advance(int read)
    {
        if (read == 0 && position < length)
        {
            throw new IOException("The recording became shorter while it was being uploaded.");
        }
        position += read;
        onProgress(position);
        return read;
    }
}
