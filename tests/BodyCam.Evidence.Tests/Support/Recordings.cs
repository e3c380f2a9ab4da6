using System.Security.Cryptography;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>Recordings made for a test: random bytes in a temporary file, with the metadata a dock would send.</summary>
internal sealed class Recording : IDisposable
{
    private Recording(string path, string sha256)
    {
        Path = path;
        Sha256 = sha256;
    }

    public string Path { get; }
    public string Sha256 { get; }
    public long Length => new FileInfo(Path).Length;

    public static Recording Random(int bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bodycam-recording-{Guid.NewGuid():N}.mp4");
        using (var file = File.Create(path))
        {
            var block = new byte[1024 * 1024];
            for (var written = 0; written < bytes; written += block.Length)
            {
                RandomNumberGenerator.Fill(block);
                file.Write(block, 0, Math.Min(block.Length, bytes - written));
            }
        }
        return FromFile(path);
    }

    /// <summary>A recording of plain text, which no media tool takes for media (random bytes sometimes are).</summary>
    public static Recording Text(string content)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bodycam-notes-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        return FromFile(path);
    }

    public static Recording FromFile(string path)
    {
        using var file = File.OpenRead(path);
        return new Recording(path, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    public Dictionary<string, string> Metadata(string? declaredSha256 = null) => new()
    {
        ["filename"] = System.IO.Path.GetFileName(Path),
        ["contentType"] = "video/mp4",
        ["deviceSerial"] = "X60-000123",
        ["officerId"] = "officer-7",
        ["recordedStart"] = "2026-11-26T08:00:00Z",
        ["recordedEnd"] = "2026-11-26T08:10:00Z",
        ["sha256"] = declaredSha256 ?? Sha256,
    };

    public static string MetadataHeader(IReadOnlyDictionary<string, string> metadata) =>
        string.Join(',', metadata.Select(pair => $"{pair.Key} {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair.Value))}"));

    public void Dispose() => File.Delete(Path);
}
