namespace BodyCam.Evidence.Domain.Ledger;

/// <summary>
/// A witness's cosignature of one of the log's checkpoints (c2sp.org/tlog-cosignature), as the witness returned it and
/// after it verified with the witness's configured key. The witness is named by its whole verifier key, so a key an
/// operator replaces never vouches for what the old one signed.
/// </summary>
public sealed class WitnessCosignature
{
    public long TreeSize { get; init; }
    public required string WitnessKey { get; init; }

    /// <summary>The note signature line, <c>— name base64(keyID ‖ timestamp ‖ signature)</c>, without its newline.</summary>
    public required string SignatureLine { get; init; }

    /// <summary>The time the witness put in its cosignature.</summary>
    public DateTimeOffset CosignedAt { get; init; }

    /// <summary>When this server received it: with the checkpoint's SignedAt, the cost of witnessing.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
