using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>The two ways the server runs: embedded (SQLite, filesystem, in-memory jobs) and production (PostgreSQL, Azure Blob, PostgreSQL jobs).</summary>
public sealed record ApiProfile(string Name, DatabaseProvider Database, StorageProvider Storage, JobStorageProvider Jobs)
{
    public static readonly ApiProfile Embedded = new(nameof(Embedded), DatabaseProvider.Sqlite, StorageProvider.FileSystem, JobStorageProvider.InMemory);
    public static readonly ApiProfile Production = new(nameof(Production), DatabaseProvider.PostgreSql, StorageProvider.AzureBlob, JobStorageProvider.PostgreSql);

    public static readonly ApiProfile[] All = [Embedded, Production];

    public override string ToString() => Name;
}
