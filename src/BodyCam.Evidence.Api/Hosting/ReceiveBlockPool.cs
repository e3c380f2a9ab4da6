using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace BodyCam.Evidence.Api.Hosting;

/// <summary>
/// The blocks Kestrel reads connections into. Kestrel receives into one block at a time, so its default 4 KiB
/// blocks turn a 1 GiB upload into about 200,000 receive calls; 64 KiB blocks take a sixteenth of them. Blocks
/// are pinned (sockets pin what they receive into) and reused; the pool keeps at most
/// <see cref="MaxRetainedBlocks"/> spare ones, so it never holds more than a few MiB the connections gave back.
/// </summary>
internal sealed class ReceiveBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;
    private const int MaxRetainedBlocks = 128;

    private readonly ConcurrentQueue<byte[]> _spare = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            return new Block(null, GC.AllocateUninitializedArray<byte>(minBufferSize, pinned: true));
        }
        return new Block(this, _spare.TryDequeue(out var spare) ? spare : GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    protected override void Dispose(bool disposing) => _spare.Clear();

    private void Return(byte[] block)
    {
        if (_spare.Count < MaxRetainedBlocks)
        {
            _spare.Enqueue(block);
        }
    }

    private sealed class Block(ReceiveBlockPool? pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                pool?.Return(returned);
            }
        }
    }

    public sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ReceiveBlockPool();
    }
}
