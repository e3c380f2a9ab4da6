using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>What only the Azure store can be made to show: a block damaged between the server and the service.</summary>
public sealed class AzureBlobStoreTests
{
    private readonly string _container = "damaged-" + Guid.NewGuid().ToString("N");

    [TearDown]
    public async Task DeleteContainer() => await new BlobContainerClient(LocalServices.Azurite, _container).DeleteIfExistsAsync();

    [Test]
    public async Task A_block_damaged_on_the_way_to_the_service_is_refused_and_not_staged()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(new FlipFirstByteOfBlocks(), HttpPipelinePosition.PerRetry);
        var store = new AzureBlobStore(new BlobContainerClient(LocalServices.Azurite, _container, options));
        var intact = new AzureBlobStore(new BlobContainerClient(LocalServices.Azurite, _container));

        Assert.That(
            async () => await store.StageBlockAsync("evidence/a", 0, new byte[] { 1, 2, 3, 4 }, CancellationToken.None),
            Throws.InstanceOf<Azure.RequestFailedException>().With.Property("ErrorCode").EqualTo("Md5Mismatch"));
        Assert.That(await intact.ListStagedBlocksAsync("evidence/a", CancellationToken.None), Is.Empty);
    }

    /// <summary>Flips a bit of every Put Block body after the client has hashed it, as a faulty link would.</summary>
    private sealed class FlipFirstByteOfBlocks : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && message.Request.Content is { } content)
            {
                using var body = new MemoryStream();
                content.WriteTo(body, CancellationToken.None);
                var bytes = body.ToArray();
                bytes[0] ^= 0x01;
                message.Request.Content = RequestContent.Create(bytes);
            }
        }
    }
}
