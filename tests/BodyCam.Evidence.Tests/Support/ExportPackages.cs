using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Export packages as a board gets them from a server (<see cref="ClipExportVideo"/>), changed as an attacker would, and
/// checked by <c>bodycam verify export</c> run as a process, as a court would run it.
/// </summary>
internal static class ExportPackages
{
    public const string Approver = "clip-custodian";

    public static async Task<ClipRequestView> RequestAsync(HttpClient board, object body) =>
        await (await board.PostAsJsonAsync("/api/clip-requests", body)).ReadAsync<ClipRequestView>(HttpStatusCode.Created);

    public static async Task ApproveAsync(EvidenceApiFactory api, Guid requestId) =>
        (await api.ClientFor(Roles.Custodian, Approver).PostAsJsonAsync($"/api/clip-requests/{requestId}/approve", new { reason = "Board review is in order" }))
            .EnsureSuccessStatusCode();

    /// <summary>The package of a Ready request, downloaded by its board into the server's data folder.</summary>
    public static async Task<string> DownloadAsync(EvidenceApiFactory api, HttpClient board, ClipRequestView ready)
    {
        var response = await board.GetAsync($"/api/exports/{ready.ExportId}/download");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var path = Path.Combine(api.DataRoot, $"export-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>The package's entries copied into a new zip, but for <paramref name="leavingOut"/>, then <paramref name="add"/>ed to.</summary>
    public static string Repackaged(string package, Action<ZipArchive> add, string? leavingOut = null)
    {
        var copy = Path.Combine(Path.GetDirectoryName(package)!, $"changed-{Guid.NewGuid():N}.zip");
        using (var original = ZipFile.OpenRead(package))
        using (var zip = ZipFile.Open(copy, ZipArchiveMode.Create))
        {
            foreach (var entry in original.Entries.Where(e => e.FullName != leavingOut))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            add(zip);
        }
        return copy;
    }

    public static void Add(ZipArchive zip, string name, string content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(content));
    }

    /// <summary><c>bodycam verify export</c>'s exit code and everything it wrote.</summary>
    public static async Task<(int Exit, string Output)> VerifyWithCliAsync(string zip, string key, params (string Name, string Value)[] environment)
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync(
            "dotnet", environment.ToDictionary(e => e.Name, e => e.Value), [Cli.CliTests.CliAssembly, "verify", "export", zip, "--key", key]);
        return (exit, output + errors);
    }
}
