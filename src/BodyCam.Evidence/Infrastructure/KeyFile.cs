namespace BodyCam.Evidence.Infrastructure;

/// <summary>
/// A secret key kept as base64 in a file outside the database: read if it exists, otherwise created
/// readable by its owner only (from the first byte, not chmod-ed afterwards) and moved into place, so
/// two processes starting together agree on one key.
/// </summary>
public static class KeyFile
{
    public static byte[] ReadOrCreate(string path, Func<byte[]> newKey)
    {
        if (!File.Exists(path))
        {
            var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!).FullName;
            var created = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp");
            var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                ownerOnly.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var key = new StreamWriter(created, ownerOnly))
            {
                key.Write(Convert.ToBase64String(newKey()));
            }
            try
            {
                File.Move(created, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(created);
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
