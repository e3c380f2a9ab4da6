namespace BodyCam.Evidence.Infrastructure;

/// <summary>
/// What the server keeps on local disk (the embedded database, blobs, keys) is for its own user alone: folders
/// 0700 and files 0600, given as each is created rather than left to the umask, whose usual 022 lets every local
/// user read them. Folders that already exist keep their mode. On Windows, files inherit their folder's access list.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and every missing folder above it.</summary>
    public static DirectoryInfo CreateFolder(string path)
    {
        var folder = new DirectoryInfo(Path.GetFullPath(path));
        if (folder.Exists || OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(folder.FullName);
        }
        // Directory.CreateDirectory gives the mode to the last folder only; its parents would get the umask's.
        if (folder.Parent is { } parent)
        {
            CreateFolder(parent.FullName);
        }
        return Directory.CreateDirectory(folder.FullName, FolderPermissions);
    }

    /// <summary>Opens a file to write, unbuffered; where <paramref name="mode"/> creates it, it is created owner-only.</summary>
    public static FileStream OpenForWriting(string path, FileMode mode, FileOptions options = FileOptions.None)
    {
        var stream = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0, Options = options };
        if (mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate && !OperatingSystem.IsWindows())
        {
            stream.UnixCreateMode = FilePermissions;
        }
        return new FileStream(path, stream);
    }
}
