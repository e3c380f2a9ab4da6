using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Axis;

/// <summary>
/// A database from before each body worn system's registry was its own: the migration gives every Axis user and
/// camera to the dock the custody log names as having registered it first.
/// </summary>
[TestFixtureSource(nameof(Databases))]
public sealed class AxisRegistryMigrationTests(DatabaseProvider provider)
{
    public static readonly DatabaseProvider[] Databases = [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private const string LastMigrationBeforeScoping = "SealCustodyEventsAfterCommit";

    private string _sqliteFile = "";

    [TearDown]
    public void DeleteSqliteFile()
    {
        if (_sqliteFile.Length > 0)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }

    [Test]
    public async Task Users_and_cameras_registered_before_belong_to_the_dock_that_registered_them_first()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var (taken, secondsOwn, unrecorded) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        const string serial = "B8A44F_0:1.2-3";
        await using var services = TestDatabases.DatabaseServices(provider, await EmptyDatabaseAsync());
        await using (var db = Open(services))
        {
            await db.Database.MigrateAsync(LastMigrationBeforeScoping);
            foreach (var (officerId, axisUserId) in new[] { ("PO-1", taken), ("PO-2", secondsOwn), ("PO-3", unrecorded) })
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO officers (officer_id, name, active, axis_user_id, updated_at) VALUES ({officerId}, 'Åsa Öberg', {true}, {axisUserId}, {DateTimeOffset.UtcNow})");
            }
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO cameras (serial, name, model, active, updated_at) VALUES ({serial}, 'Camera', 'W110', {true}, {DateTimeOffset.UtcNow})");
            await RecordAsync(db, first, CustodyAction.OfficerRecorded, $"officer PO-1 ('Åsa as Axis user {secondsOwn}', active) as Axis user {taken}");
            await RecordAsync(db, first, CustodyAction.CameraRecorded, $"camera {serial} ('Camera (front)', model W110, active)");
            await RecordAsync(db, second, CustodyAction.OfficerRecorded, $"officer PO-1 ('Mallory', inactive) as Axis user {taken}");
            await RecordAsync(db, second, CustodyAction.CameraRecorded, $"camera {serial} ('Taken', model W100, inactive)");
            await RecordAsync(db, second, CustodyAction.OfficerRecorded, $"officer PO-2 ('Lars Ek', active) as Axis user {secondsOwn}");
        }

        await using (var db = Open(services))
        {
            await db.Database.MigrateAsync();
        }

        await using var migrated = Open(services);
        Assert.That(
            await migrated.Officers.OrderBy(o => o.OfficerId).Select(o => o.DockId).ToListAsync(),
            Is.EqualTo(new Guid?[] { first, second, null }));
        Assert.That(await migrated.Cameras.Select(c => c.DockId).SingleAsync(), Is.EqualTo(first));
    }

    private async Task<string> EmptyDatabaseAsync()
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            return await TestDatabases.CreateEmptyPostgresAsync();
        }
        _sqliteFile = Path.Combine(Path.GetTempPath(), $"bodycam-registry-{Guid.NewGuid():N}.db");
        return $"Data Source={_sqliteFile}";
    }

    private static EvidenceDb Open(ServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    private static async Task RecordAsync(EvidenceDb db, Guid dockId, CustodyAction action, string reason)
    {
        db.CustodyEvents.Record(action, new Actor(dockId.ToString(), ActorKind.Dock, "Dock", "127.0.0.1"), reason: reason);
        await db.SaveChangesAsync();
    }
}
