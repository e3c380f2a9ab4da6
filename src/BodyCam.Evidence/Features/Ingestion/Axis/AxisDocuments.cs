using System.Security.Cryptography;
using System.Text.Json;
using BodyCam.Evidence.Features.Categories;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// The two objects a system controller reads from the System container. Each is answered with an ETag that is
/// the MD5 of its exact bytes: the controller checks it and treats a mismatch as a corrupt object.
/// </summary>
public static class AxisDocuments
{
    /// <summary>
    /// What this server stores and reads. Signed video is not claimed: that promises players and exports that
    /// validate Axis signatures, which this server does not have.
    /// </summary>
    public static readonly byte[] Capabilities = JsonSerializer.SerializeToUtf8Bytes(new
    {
        Read = new { ReadCategories = true },
        Store = new
        {
            StoreUserIDKey = true,
            StoreBookmarks = true,
            StoreGNSSTrackRecording = true,
            StoreRejectedContent = true,
            StoreSignedVideo = false,
        },
        StoreAndRead = new { StoreReadSystemID = true },
    });

    public static byte[] Categories(IEnumerable<CategoryView> active) =>
        JsonSerializer.SerializeToUtf8Bytes(active.Select(category => new { category.Name, category.Id }));

#pragma warning disable CA5351 // Swift defines the ETag as the MD5 of the content: a checksum against corruption, not a security control.
    public static string ETag(byte[] document) => Convert.ToHexStringLower(MD5.HashData(document));
#pragma warning restore CA5351
}
