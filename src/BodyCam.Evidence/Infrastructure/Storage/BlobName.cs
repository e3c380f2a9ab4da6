using System.Text.RegularExpressions;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Blob names are chosen by the server, never by a client: slash-separated segments of letters, digits, dot,
/// dash and underscore, no segment made of dots. Anything else is a bug, not bad input.
/// </summary>
internal static partial class BlobName
{
    public static string Validate(string blobName)
    {
        if (!ValidName().IsMatch(blobName) || blobName.Split('/').Any(segment => segment.Trim('.').Length == 0))
        {
            throw new ArgumentException($"'{blobName}' is not a valid blob name.", nameof(blobName));
        }
        return blobName;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex ValidName();
}
