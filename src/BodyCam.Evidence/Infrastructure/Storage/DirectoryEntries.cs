using System.ComponentModel;
using System.Runtime.InteropServices;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Makes names durable. Flushing a file's bytes does not record its name: after a power loss a file created,
/// renamed or deleted since the folder was last flushed may be back as it was. The filesystem store therefore
/// flushes the folder after every change of a name that someone has been told about.
/// </summary>
public static partial class DirectoryEntries
{
    private const int ReadOnly = 0;

    /// <summary>Flushes the names in <paramref name="folder"/> to disk; Windows journals them itself.</summary>
    public static void Flush(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var descriptor = open(folder, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open folder '{folder}' to flush it.", new Win32Exception(Marshal.GetLastPInvokeError()));
        }
        try
        {
            if (fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush folder '{folder}'.", new Win32Exception(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>Creates <paramref name="folder"/> and any missing parents below <paramref name="root"/>, each one durably.</summary>
    public static void CreateFolder(string folder, string root)
    {
        if (Directory.Exists(folder))
        {
            return;
        }
        var parent = Path.GetDirectoryName(folder);
        if (parent is not null && !string.Equals(folder, root, StringComparison.Ordinal))
        {
            CreateFolder(parent, root);
        }
        OwnerOnly.CreateFolder(folder);
        if (parent is not null)
        {
            Flush(parent);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int descriptor);

    [LibraryImport("libc")]
    private static partial int close(int descriptor);
}
