using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Cli;

public sealed class CliTests
{
    public static string CliAssembly => Path.Combine(TestContext.CurrentContext.TestDirectory, "bodycam.dll");

    [Test]
    public async Task Db_migrate_creates_the_schema_with_its_append_only_guard_on_an_empty_PostgreSQL_database()
    {
        var connection = await TestDatabases.CreateEmptyPostgresAsync();

        var output = await RunWithEnvironmentAsync(connection, "db", "migrate");
        var again = await RunWithEnvironmentAsync(connection, "db", "migrate");

        Assert.That(output, Does.Match("Applied [1-9][0-9]* migration\\(s\\) to the PostgreSql database: .*_InitialCreate"));
        Assert.That(again, Does.Contain("up to date"));
        await using var services = TestDatabases.DatabaseServices(DatabaseProvider.PostgreSql, connection);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        db.CustodyEvents.Record(CustodyAction.DockRegistered, Actor.System("test"));
        await db.SaveChangesAsync();
        Assert.That(() => db.Database.ExecuteSqlRawAsync("DELETE FROM custody_events"), Throws.Exception.With.Message.Contains("append-only"));
    }

    [Test]
    public void Token_refuses_a_role_that_does_not_exist() =>
        Assert.That(
            () => LocalServices.RunAsync("dotnet", CliAssembly, "token", "--role", "Superuser", "--sub", "x", "--data-root", Path.GetTempPath()),
            Throws.InvalidOperationException.With.Message.Contains("Superuser"));

    private static Task<string> RunWithEnvironmentAsync(string connection, params string[] arguments) =>
        LocalServices.RunAsync("env", [
            "Database__Provider=PostgreSql",
            $"ConnectionStrings__Evidence={connection}",
            "dotnet", CliAssembly, .. arguments]);
}
