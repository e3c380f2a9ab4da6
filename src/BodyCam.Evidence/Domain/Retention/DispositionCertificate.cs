namespace BodyCam.Evidence.Domain.Retention;

/// <summary>
/// The signed record of one purge run: a signed note (the ledger's key) whose text is a JSON list of what was
/// destroyed, each with the ledger index of its purge event.
/// </summary>
public sealed class DispositionCertificate
{
    private DispositionCertificate()
    {
    }

    public Guid Id { get; private init; }
    public DateTimeOffset IssuedAt { get; private init; }
    public int Items { get; private init; }
    public required string SignedNote { get; init; }

    public static DispositionCertificate Issue(Guid id, int items, string signedNote, DateTimeOffset now) =>
        new() { Id = id, IssuedAt = now, Items = items, SignedNote = signedNote };
}
