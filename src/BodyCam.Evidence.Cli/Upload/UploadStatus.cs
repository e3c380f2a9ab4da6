namespace BodyCam.Evidence.Cli.Upload;

/// <summary>GET /api/ingest/uploads/{uploadId}. Status is Receiving, Received, Verified or Quarantined.</summary>
internal sealed record UploadStatus(string UploadId, Guid? EvidenceId, string Status, string? Sha256, long Bytes)
{
    public const string Verified = "Verified";
    public const string Quarantined = "Quarantined";

    public bool IsFinal => Status is Verified or Quarantined;
}
