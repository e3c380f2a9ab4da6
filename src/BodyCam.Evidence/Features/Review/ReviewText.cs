using System.Security.Cryptography;
using System.Text;

namespace BodyCam.Evidence.Features.Review;

/// <summary>
/// What reviewers write is kept in its own rows and bound into the custody log by its SHA-256 only: the log is
/// append-only and public to its verifiers, and free text about people must stay correctable where the law requires.
/// </summary>
internal static class ReviewText
{
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
