using Microsoft.Win32.SafeHandles;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Reads a committed blob file. A reader that goes through the blob (hashing, copying) releases the pages it has
/// passed (see <see cref="PageCache"/>), so that reading a recording through does not fill memory with it; one that
/// reads a part (playback's ranges, or a whole recording played) keeps them, since a recording under review is read
/// again and again.
/// </summary>
internal sealed class BlobFileReader : Stream
{
    private const long ReleaseEvery = 8 * 1024 * 1024;

    private readonly SafeFileHandle _file;
    private readonly bool _releasesBehind;
    private long _position;
    private long _releasedUpTo;

    public BlobFileReader(string path, bool releasesBehind)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
        _releasesBehind = releasesBehind;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => RandomAccess.GetLength(_file);

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(Span<byte> buffer) => Advance(RandomAccess.Read(_file, buffer, _position));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// Reads on the calling thread. On Linux an asynchronous file read is this same read handed to a pool thread and
    /// back; for pages in memory, as those of a recording being reviewed are, the hand-off costs more than the read.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(position, nameof(offset));
        _position = _releasedUpTo = position;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        _position += read;
        if (_releasesBehind && (_position - _releasedUpTo >= ReleaseEvery || (read == 0 && _position > _releasedUpTo)))
        {
            PageCache.Release(_file, _releasedUpTo, _position - _releasedUpTo);
            _releasedUpTo = _position;
        }
        return read;
    }
}
