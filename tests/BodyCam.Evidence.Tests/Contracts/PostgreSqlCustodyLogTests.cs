using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>What only PostgreSQL can be asked to do to the log.</summary>
public sealed class PostgreSqlCustodyLogTests
{
    [Test]
    public async Task Truncating_the_custody_log_is_refused()
    {
        await using var services = TestDatabases.DatabaseServices(DatabaseProvider.PostgreSql, await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        db.CustodyEvents.Record(CustodyAction.DockRegistered, Actor.System("test"));
        await db.SaveChangesAsync();

        Assert.That(() => db.Database.ExecuteSqlRawAsync("TRUNCATE custody_events"), Throws.Exception.With.Message.Contains("append-only"));
        Assert.That(await db.CustodyEvents.CountAsync(), Is.EqualTo(1));
    }
}
