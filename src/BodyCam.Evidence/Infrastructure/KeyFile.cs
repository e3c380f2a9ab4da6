namespace BodyCam.Evidence.Infrastructure;

/// <summary>
/// A secret key kept as base64 in a file outside the database: read if it exists, otherwise created
/// readable by its owner only (from the first byte, not chmod-ed afterwards) and moved into place, so
/// two processes starting together agree on one key. A file that cannot be read or written, or holds no
/// key, is a configuration error naming <c>setting</c>, the key that gave its path.
/// </summary>
public static class KeyFile
{
    public static byte[] ReadOrCreate(string path, string setting, Func<byte[]> newKey)
    {
        try
        {
            if (!File.Exists(path))
            {
                var folder = OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!).FullName;
                var created = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp");
                using (var key = new StreamWriter(OwnerOnly.OpenForWriting(created, FileMode.CreateNew)))
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
            var stored = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return stored.Length > 0 ? stored : throw new FormatException("The file is empty.");
        }
        catch (Exception unusable) when (unusable is IOException or UnauthorizedAccessException or FormatException)
        {
            throw Unusable(path, setting, unusable);
        }
    }

    public static ConfigurationException Unusable(string path, string setting, Exception reason) =>
        new($"{setting} is '{path}', which holds no usable key: {reason.Message.ReplaceLineEndings(" ")}");
}
