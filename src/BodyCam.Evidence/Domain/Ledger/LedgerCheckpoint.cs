namespace BodyCam.Evidence.Domain.Ledger;

/// <summary>A signed tree head of the custody log, as issued: the C2SP signed note is kept verbatim.</summary>
public sealed class LedgerCheckpoint
{
    public long TreeSize { get; init; }
    public required byte[] RootHash { get; init; }
    public required string SignedNote { get; init; }
    public DateTimeOffset SignedAt { get; init; }
}
