using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace BodyCam.Evidence.Cli.Upload;

internal static class FileRange
{
    private const int ReadSize = 1 << 20;

    public static async Task<byte[]> Sha256Async(
        SafeFileHandle file, long offset, long length, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            for (long done = 0; done < length;)
            {
                var read = await RandomAccess.ReadAsync(
                    file, buffer.AsMemory(0, (int)Math.Min(ReadSize, length - done)), offset + done, cancellationToken);
                if (read == 0)
                {
                    throw new UploadStoppedException(UploadExitCode.Refused, "the recording became shorter while it was being uploaded.");
                }
                sha256.AppendData(buffer, 0, read);
                done += read;
                onProgress?.Invoke(done);
            }
            return sha256.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
