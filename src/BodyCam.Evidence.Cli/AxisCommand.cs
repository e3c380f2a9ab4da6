using System.CommandLine;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BodyCam.Evidence.Cli;

internal static class AxisCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The site name the Axis manager shows (SiteName), 1 to 64 characters.", Required = true };
        var url = new Option<string>("--url") { Description = "The http(s) URL the Axis system controller reaches this server at.", Required = true };
        var containerType = new Option<string?>("--container-type") { Description = "mp4 or mkv; default Axis:ContainerType." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the file here, readable by its owner only, instead of printing it." };
        var fields = new Dictionary<string, string>
        {
            ["siteName"] = site.Name,
            ["url"] = url.Name,
            ["containerType"] = containerType.Name,
        };

        var connectionFile = new Command(
            "connection-file",
            "Registers a dock for an Axis body worn system in the configured database and prints the connection file its manager imports.")
        {
            site, url, containerType, output, CliConfiguration.DataRoot,
        };
        connectionFile.SetAction(async (parsed, cancellationToken) =>
        {
            var target = parsed.GetValue(output);
            if (target?.Directory is { Exists: false } folder)
            {
                Console.Error.WriteLine($"{output.Name}: the folder {folder.FullName} does not exist.");
                return 2;
            }

            var services = new ServiceCollection().AddLogging().AddEvidence(CliConfiguration.Build(parsed));
            services.Replace(ServiceDescriptor.Scoped<ICurrentActor, ConsoleOperator>());
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            if (!await PrepareDatabaseAsync(scope.ServiceProvider, cancellationToken))
            {
                return 1;
            }

            AxisConnectionFile file;
            try
            {
                var command = new IssueConnectionFile(parsed.GetRequiredValue(site), parsed.GetRequiredValue(url), parsed.GetValue(containerType));
                file = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
            }
            catch (RequestValidationException invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    Console.Error.WriteLine($"{fields.GetValueOrDefault(field, field)}: {string.Join(" ", messages)}");
                }
                return 2;
            }
            catch (InvalidOperationException misconfigured)
            {
                Console.Error.WriteLine(misconfigured.Message);
                return 1;
            }

            if (target is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(file.ToUtf8Json(), cancellationToken);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                WriteOwnerOnly(target.FullName, file.ToUtf8Json());
                Console.Error.WriteLine($"Wrote the connection file for dock {file.BlobApiUserName} to {target.FullName}; it holds the dock's key.");
            }
            return 0;
        });
        return new Command("axis", "Axis body worn systems.") { connectionFile };
    }

    /// <summary>As the server does at start-up: the embedded database is migrated, a production one only by `db migrate`.</summary>
    private static async Task<bool> PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<EvidenceSettings>();
        var migrator = services.GetRequiredService<EvidenceMigrator>();
        if (settings.MigrateOnStartup)
        {
            await migrator.ApplyAsync(cancellationToken);
            return true;
        }
        if ((await migrator.PendingAsync(cancellationToken)).Count > 0)
        {
            Console.Error.WriteLine($"The {settings.Database} database has migrations pending; run `bodycam db migrate` first.");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The file holds a dock key, so it is created readable by its owner only from its first byte and then moved into
    /// place; writing over an existing file would keep that file's permissions.
    /// </summary>
    private static void WriteOwnerOnly(string path, byte[] contents)
    {
        var staged = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            ownerOnly.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(staged, ownerOnly))
        {
            file.Write(contents);
        }
        try
        {
            File.Move(staged, path, overwrite: true);
        }
        catch
        {
            File.Delete(staged);
            throw;
        }
    }
}
