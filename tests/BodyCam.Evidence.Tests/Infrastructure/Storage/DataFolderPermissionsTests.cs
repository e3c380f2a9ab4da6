using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Infrastructure.Storage;

/// <summary>The embedded profile's data folder, created by the server's first start: for the server's own user alone.</summary>
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes; on Windows a file inherits its folder's access list.")]
    [UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_and_everything_in_it_are_readable_by_their_owner_only()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "bodycam-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await EvidenceApiFactory.StartAsync(
                ApiProfile.Embedded, overNetwork: false,
                ("Data:Root", dataRoot), ("ConnectionStrings:Evidence", $"Data Source={Path.Combine(dataRoot, "evidence.db")}"));
            await api.UploadVerifiedRecordingAsync("owner-only-officer");
            using var dock = api.DockClient(await api.RegisterDockAsync());
            await BeginUploadAsync(dock);

            var modes = Directory.EnumerateFileSystemEntries(dataRoot, "*", SearchOption.AllDirectories).Prepend(dataRoot)
                .ToDictionary(path => Path.GetRelativePath(dataRoot, path), File.GetUnixFileMode);

            Assert.That(modes.Keys, Is.SupersetOf(new[]
            {
                "evidence.db", "evidence.db-wal", "evidence.db-shm", Path.Combine("keys", "token-signing.key"),
                Path.Combine("keys", "ledger-signing.key"), Path.Combine("blobs", "blobs"), Path.Combine("blobs", "staging"),
            }));
            Assert.That(modes.Keys.Count(path => path.StartsWith(Path.Combine("blobs", "staging") + Path.DirectorySeparatorChar, StringComparison.Ordinal)),
                Is.GreaterThanOrEqualTo(2), "an unfinished upload's staging folder and its staged bytes");
            Assert.That(
                modes.Where(entry => entry.Value != (Directory.Exists(Path.Combine(dataRoot, entry.Key)) ? OwnerOnlyFolder : OwnerOnlyFile)),
                Is.Empty, "folders 0700, files 0600");
        }
        finally
        {
            if (Directory.Exists(dataRoot))
            {
                Directory.Delete(dataRoot, recursive: true);
            }
        }
    }

    /// <summary>Sends the first half of a recording, so that its bytes stay staged.</summary>
    private static async Task BeginUploadAsync(HttpClient dock)
    {
        var half = new byte[32 * 1024];
        var metadata = new Dictionary<string, string>
        {
            ["filename"] = "clip.mp4",
            ["deviceSerial"] = "X60-000001",
            ["officerId"] = "owner-only-officer",
            ["recordedStart"] = "2026-11-26T08:00:00Z",
            ["recordedEnd"] = "2026-11-26T08:05:00Z",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(half) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", (2 * half.Length).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(metadata));
        using var created = await dock.SendAsync(request);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(created.Headers.GetValues("Upload-Offset").Single(), Is.EqualTo(half.Length.ToString(CultureInfo.InvariantCulture)));
    }
}
