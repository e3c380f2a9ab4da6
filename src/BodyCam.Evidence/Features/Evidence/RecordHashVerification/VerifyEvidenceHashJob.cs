using System.Buffers;
using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Reads the stored blob back, as a stream, and hashes it: the only proof that the store holds what was
/// received. Idempotent: an item that is no longer Received is left alone.
/// </summary>
public sealed class VerifyEvidenceHashJob(EvidenceDb db, IBlobStore store, IMediator mediator)
{
    /// <summary>Large reads keep the hash, not the calls into the store, the bottleneck.</summary>
    private const int ReadSize = 1024 * 1024;

    public async Task RunAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Id == evidenceId)
            .Select(e => new { e.Status, e.BlobName })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is not { Status: EvidenceStatus.Received })
        {
            return;
        }
        var storedSha256 = await HashStoredBlobAsync(store, item.BlobName, cancellationToken);
        await mediator.Send(new RecordHashVerification(evidenceId, storedSha256), cancellationToken);
    }

    internal static async Task<string> HashStoredBlobAsync(IBlobStore store, string blobName, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            await using var stored = await store.OpenReadAsync(blobName, 0, null, cancellationToken);
            int read;
            while ((read = await stored.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }
}
