using System.Text;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Witness;

/// <summary>
/// What the witness remembers of its log: the latest checkpoint it cosigned, as a signed note carrying the log's
/// signature and the witness's cosignature, so that the file is itself evidence of what the log showed. It is replaced
/// whole (a new file, flushed, renamed over the old, the folder flushed), so a crash leaves the old state or the new,
/// never a mix, and a cosignature is only ever sent for a state already on disk.
/// </summary>
internal sealed class WitnessStateFile(string path)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Where refused checkpoints with a valid log signature are kept, as possible proof of a log's misbehaviour.</summary>
    public string RefusedPath => Path + ".refused";

    /// <summary>The latest cosigned checkpoint note, or null when this witness has cosigned none yet.</summary>
    /// <exception cref="ConfigurationException">The file exists but holds no checkpoint of this log signed by its key.</exception>
    public string? Load(NoteVerifierKey logKey, string origin)
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        try
        {
            var note = File.ReadAllText(Path, Utf8);
            var checkpoint = Checkpoint.Verify(note, logKey);
            return checkpoint.Origin == origin
                ? note
                : throw new InvalidDataException($"it is the state of the log '{checkpoint.Origin}', not of '{origin}'");
        }
        catch (Exception unusable) when (unusable is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or DecoderFallbackException)
        {
            throw new ConfigurationException(
                $"--state is '{Path}', which holds no checkpoint of this log signed by its key: {unusable.Message.ReplaceLineEndings(" ")} "
                + "A witness never starts over on a state it cannot read; keep the file for inspection.");
        }
    }

    public void Save(string cosignedNote)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        OwnerOnly.CreateFolder(folder);
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        using (var file = OwnerOnly.OpenForWriting(temporary, FileMode.CreateNew))
        {
            file.Write(Utf8.GetBytes(cosignedNote));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
        DirectoryEntries.Flush(folder);
    }

    public void KeepRefused(DateTimeOffset time, string reason, string request)
    {
        using var file = OwnerOnly.OpenForWriting(RefusedPath, FileMode.Append);
        file.Write(Utf8.GetBytes($"--- refused at {time:O}: {reason}\n{request}"));
        file.Flush(flushToDisk: true);
    }
}
