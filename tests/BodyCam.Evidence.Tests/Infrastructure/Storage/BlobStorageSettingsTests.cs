using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Tests.Infrastructure.Storage;

/// <summary>How the Azure Blob store is reached: a connection string, or an account URL and a managed identity.</summary>
public sealed class BlobStorageSettingsTests
{
    private const string AzuriteConnection = "UseDevelopmentStorage=true";

    [Test]
    public void Azure_Blob_storage_without_a_connection_string_or_an_account_URL_is_refused_naming_both_keys()
    {
        var refusal = Assert.Throws<ConfigurationException>(() => Settings(("Storage:Provider", "AzureBlob")));

        Assert.That(refusal.Message, Does.Contain("ConnectionStrings:Blobs").And.Contain("Storage:AccountUrl"));
    }

    [Test]
    public void Empty_values_count_as_unset()
    {
        var refusal = Assert.Throws<ConfigurationException>(() => Settings(
            ("Storage:Provider", "AzureBlob"), ("ConnectionStrings:Blobs", ""), ("Storage:AccountUrl", "")));

        Assert.That(refusal.Message, Does.Contain("ConnectionStrings:Blobs").And.Contain("Storage:AccountUrl"));
    }

    [Test]
    public void An_account_URL_alone_is_enough_and_no_connection_string_is_invented()
    {
        var settings = Settings(("Storage:Provider", "AzureBlob"), ("Storage:AccountUrl", "https://bodycamevidence.blob.core.windows.net"));

        Assert.That(settings.Storage.AccountUrl, Is.EqualTo(new Uri("https://bodycamevidence.blob.core.windows.net")));
        Assert.That(settings.Storage.Connection, Is.Null);
        Assert.That(settings.Storage.Container, Is.EqualTo("evidence"));
    }

    [Test]
    public void A_connection_string_alone_is_still_enough()
    {
        var settings = Settings(("Storage:Provider", "AzureBlob"), ("ConnectionStrings:Blobs", AzuriteConnection));

        Assert.That(settings.Storage.Connection, Is.EqualTo(AzuriteConnection));
        Assert.That(settings.Storage.AccountUrl, Is.Null);
    }

    [Test]
    public void The_filesystem_store_needs_neither()
    {
        var settings = Settings(("Storage:Provider", "FileSystem"));

        Assert.That(settings.Storage.Provider, Is.EqualTo(StorageProvider.FileSystem));
        Assert.That(settings.Storage.Connection, Is.Null);
        Assert.That(settings.Storage.AccountUrl, Is.Null);
    }

    [TestCase("https://bodycamevidence.blob.core.windows.net")]
    [TestCase("https://127.0.0.1:10000/devstoreaccount1")]
    public void An_https_account_url_is_accepted(string url)
    {
        var settings = Settings(("Storage:Provider", "AzureBlob"), ("Storage:AccountUrl", url));

        Assert.That(settings.Storage.AccountUrl, Is.EqualTo(new Uri(url)));
    }

    [TestCase("http://bodycamevidence.blob.core.windows.net")]
    [TestCase("http://127.0.0.1:10000/devstoreaccount1")]
    [TestCase("http://10.0.0.5:10000/devstoreaccount1")]
    [TestCase("bodycamevidence.blob.core.windows.net")]
    [TestCase("ftp://bodycamevidence.blob.core.windows.net")]
    [TestCase("/var/lib/bodycam/blobs")]
    public void An_account_URL_that_is_not_absolute_https_is_refused(string url)
    {
        var refusal = Assert.Throws<ConfigurationException>(() => Settings(("Storage:Provider", "AzureBlob"), ("Storage:AccountUrl", url)));

        Assert.That(refusal.Message, Does.Contain("Storage:AccountUrl").And.Contain("https"));
    }

    private static EvidenceSettings Settings(params (string Key, string Value)[] values) =>
        EvidenceSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => KeyValuePair.Create(value.Key, (string?)value.Value)))
            .Build());
}
