using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using BodyCam.Evidence.Infrastructure.Text;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// The entries of an export package, read so that the bytes checked are the bytes any zip tool extracts. A zip may hold
/// one name twice, or names that extract to one file (another case on a case-insensitive disk, <c>\</c> for <c>/</c> on
/// Windows), and tools differ on which they keep; so a package holds the names of its format, once each, at its top
/// level, and nothing else. An entry's size in the zip's directory may also be shorter than its compressed data: .NET
/// stops there and unzip does not, so each entry's bytes must have the CRC-32 its header declares.
/// </summary>
internal sealed class ExportPackageEntries
{
    private const int HashBufferBytes = 1 << 20;

    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private ExportPackageEntries(Dictionary<string, ZipArchiveEntry> entries) => _entries = entries;

    /// <exception cref="InvalidDataException">The package holds a name twice, a name with a folder, or one its format does not define, or lacks one.</exception>
    public static ExportPackageEntries Of(ZipArchive zip)
    {
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var sameFile = names.GroupBy(n => n.Replace('\\', '/').ToUpperInvariant()).Where(g => g.Count() > 1).Select(Listed).ToList();
        if (sameFile.Count > 0)
        {
            throw new InvalidDataException($"the package holds {string.Join("; ", sameFile)}, which extract to one file: which of them a reader gets depends on the tool");
        }
        var inFolder = names.Where(n => n.Contains('/', StringComparison.Ordinal) || n.Contains('\\', StringComparison.Ordinal)).ToList();
        if (inFolder.Count > 0)
        {
            throw new InvalidDataException($"the package holds {Listed(inFolder)}, a name with a folder: a package's files are all at its top level");
        }
        var undefined = names.Where(n => !ExportPackageFiles.Entries.Contains(n)).ToList();
        if (undefined.Count > 0)
        {
            throw new InvalidDataException(
                $"the package holds {Listed(undefined)}, which its format does not define: a package holds {string.Join(", ", ExportPackageFiles.Entries)} and nothing else");
        }
        var missing = ExportPackageFiles.Entries.Except(names, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"the package has no {string.Join(" and no ", missing)}");
        }
        return new(zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal));
    }

    /// <summary>The size the zip's directory declares, before anything is read.</summary>
    public long Length(string name) => _entries[name].Length;

    /// <exception cref="InvalidDataException">The entry is larger than <paramref name="maxBytes"/>, or its bytes are not those its header declares.</exception>
    public async Task<byte[]> ReadAsync(string name, long maxBytes, CancellationToken cancellationToken)
    {
        var entry = _entries[name];
        if (entry.Length > maxBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{name} is {entry.Length:N0} bytes, more than the {maxBytes:N0} a package's {name} may hold"));
        }
        var content = new byte[entry.Length];
        await ReadAsync(entry, async stream => await stream.ReadExactlyAsync(content, cancellationToken), cancellationToken);
        CheckCrc(entry, Crc32.HashToUInt32(content));
        return content;
    }

    /// <summary>The entry's SHA-256, read in pieces: a clip is as large as the recording allows.</summary>
    public async Task<string> Sha256Async(string name, CancellationToken cancellationToken)
    {
        var entry = _entries[name];
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var crc = new Crc32();
        var buffer = new byte[HashBufferBytes];
        var total = 0L;
        await ReadAsync(entry, async stream =>
        {
            while (await stream.ReadAsync(buffer, cancellationToken) is var read and > 0)
            {
                sha256.AppendData(buffer, 0, read);
                crc.Append(buffer.AsSpan(0, read));
                total += read;
            }
        }, cancellationToken);
        if (total != entry.Length)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name} holds {total:N0} bytes, not the {entry.Length:N0} its zip header declares"));
        }
        CheckCrc(entry, crc.GetCurrentHashAsUInt32());
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    private static async Task ReadAsync(ZipArchiveEntry entry, Func<Stream, Task> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            await read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{entry.FullName} does not read: {e.Message}");
        }
    }

    private static void CheckCrc(ZipArchiveEntry entry, uint crc)
    {
        if (crc != entry.Crc32)
        {
            throw new InvalidDataException(
                $"{entry.FullName}: the bytes read have CRC-32 {crc:x8}, its zip header declares {entry.Crc32:x8}; a zip tool may extract other bytes than those checked");
        }
    }

    /// <summary>Names as the zip holds them, each character the text rule refuses written as its code point.</summary>
    private static string Listed(IEnumerable<string> names)
    {
        var counts = names.GroupBy(n => n, StringComparer.Ordinal).Select(g => g.Count() == 1 ? $"'{FreeText.Quote(g.Key)}'" : $"'{FreeText.Quote(g.Key)}' {g.Count()} times");
        return string.Join(" and ", counts);
    }
}
