using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Tests.Persistence;

/// <summary>PostgreSQL keeps the statements a server repeats prepared, unless the operator's connection string says otherwise.</summary>
public sealed class PostgreSqlPreparedStatementsTests
{
    [Test]
    public async Task A_repeated_read_is_prepared_on_the_server_by_default()
    {
        Assert.That(await PreparedAfterRepeatedReadsAsync(""), Is.GreaterThan(0));
    }

    [Test]
    public async Task Max_Auto_Prepare_0_in_the_connection_string_turns_preparing_off()
    {
        Assert.That(await PreparedAfterRepeatedReadsAsync(";Max Auto Prepare=0"), Is.Zero);
    }

    [TestCase("Host=db;Username=u", PostgreSqlEvidenceDb.DefaultMaxAutoPrepare)]
    [TestCase("Host=db;Username=u;Max Auto Prepare=0", 0)]
    [TestCase("Host=db;Username=u;MaxAutoPrepare=5", 5)]
    [TestCase("host=db;username=u;max auto prepare=7", 7)]
    public void An_operators_Max_Auto_Prepare_stands_and_only_its_absence_gets_the_default(string connection, int expected)
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgreSqlEvidenceDb.WithAutoPrepare(connection));

        Assert.That((effective.MaxAutoPrepare, effective.Host, effective.Username), Is.EqualTo((expected, "db", "u")));
    }

    /// <summary>Npgsql prepares a statement on its fifth use (Auto Prepare Min Usages), so six reads on one connection.</summary>
    private static async Task<long> PreparedAfterRepeatedReadsAsync(string connectionSuffix)
    {
        var connection = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql) + connectionSuffix;
        await using var services = TestDatabases.DatabaseServices(DatabaseProvider.PostgreSql, connection);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        await db.Database.OpenConnectionAsync();
        for (var read = 0; read < 6; read++)
        {
            await db.Categories.AsNoTracking().Where(c => c.Active).CountAsync();
        }
        await using var prepared = db.Database.GetDbConnection().CreateCommand();
        prepared.CommandText = "SELECT count(*) FROM pg_prepared_statements";
        return (long)(await prepared.ExecuteScalarAsync())!;
    }
}
