using System.CommandLine;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Cli;

internal static class DatabaseCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Applies the migrations of the configured provider (Database:Provider, ConnectionStrings:Evidence).")
        {
            CliConfiguration.DataRoot,
        };
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = CliConfiguration.Load(parsed);
            await using var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddEvidenceDatabase(settings)
                .BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<EvidenceMigrator>().ApplyPendingAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"{settings.Database} database is up to date."
                : $"Applied {applied.Count} migration(s) to the {settings.Database} database: {string.Join(", ", applied)}");
            return 0;
        });
        return new Command("db", "Database administration.") { migrate };
    }
}
