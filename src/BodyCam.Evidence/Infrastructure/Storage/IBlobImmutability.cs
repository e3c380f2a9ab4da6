using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// The store's own write-once guarantees on a committed blob: a time-based immutability policy and a legal hold
/// (Azure version-level WORM). Nothing here decides which blob gets what; the protect job does.
/// </summary>
public interface IBlobImmutability
{
    Task SetImmutableUntilAsync(string blobName, DateTimeOffset until, CancellationToken cancellationToken);

    Task SetLegalHoldAsync(string blobName, bool hold, CancellationToken cancellationToken);
}

/// <summary>
/// Needs an account with versioning and version-level immutability on the container (deploy/README.md). A locked
/// policy can only be extended, never shortened or removed, so the protect job only ever extends.
/// </summary>
public sealed class AzureBlobImmutability(BlobContainerClient container, ImmutabilityMode mode) : IBlobImmutability
{
    public async Task SetImmutableUntilAsync(string blobName, DateTimeOffset until, CancellationToken cancellationToken) =>
        await container.GetBlobClient(blobName).SetImmutabilityPolicyAsync(
            new BlobImmutabilityPolicy
            {
                ExpiresOn = until,
                PolicyMode = mode == ImmutabilityMode.Locked ? BlobImmutabilityPolicyMode.Locked : BlobImmutabilityPolicyMode.Unlocked,
            },
            cancellationToken: cancellationToken);

    public async Task SetLegalHoldAsync(string blobName, bool hold, CancellationToken cancellationToken) =>
        await container.GetBlobClient(blobName).SetLegalHoldAsync(hold, cancellationToken);
}

/// <summary>With <c>Storage:Immutability</c> Off nothing is queued for protection; a call reaching here is a bug, said loudly.</summary>
public sealed class ImmutabilityOff : IBlobImmutability
{
    public Task SetImmutableUntilAsync(string blobName, DateTimeOffset until, CancellationToken cancellationToken) => throw Off();

    public Task SetLegalHoldAsync(string blobName, bool hold, CancellationToken cancellationToken) => throw Off();

    private static InvalidOperationException Off() => new("Storage:Immutability is Off: no blob is given a policy or a legal hold.");
}
