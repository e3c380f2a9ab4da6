namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// Which witnesses must have cosigned a checkpoint before it is believed: the trusted witnesses' cosigner keys and how
/// many of them suffice. A log that showed one history to some and another to others could not get both cosigned by
/// a witness that checks every checkpoint against the last it cosigned, so a quorum of honest witnesses rules out a split view.
/// </summary>
public sealed class WitnessPolicy
{
    /// <param name="witnesses">Each trusted witness once.</param>
    /// <param name="quorum">How many must have cosigned, 0 to the number of witnesses; null for all of them.</param>
    /// <exception cref="ArgumentException">A witness is given twice, so it could fill two places of the quorum.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The quorum is negative or more than the witnesses given.</exception>
    public WitnessPolicy(IReadOnlyList<CosignatureVerifierKey> witnesses, int? quorum = null)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        if (witnesses.GroupBy(witness => witness.ToString(), StringComparer.Ordinal).FirstOrDefault(same => same.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The witness {twice.Key} is given twice.", nameof(witnesses));
        }
        if (quorum is < 0 || quorum > witnesses.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(quorum), quorum, $"A witness quorum is between 0 and the number of witnesses given ({witnesses.Count}).");
        }
        Witnesses = [.. witnesses];
        Quorum = quorum ?? witnesses.Count;
    }

    /// <summary>No witnesses and a quorum of 0: what a log that has none, or a reader who trusts none, asks for.</summary>
    public static WitnessPolicy None { get; } = new([]);

    public IReadOnlyList<CosignatureVerifierKey> Witnesses { get; }

    public int Quorum { get; }

    /// <summary>
    /// Each witness's cosignature on the checkpoint note. The log's own signature is not checked here: a cosignature
    /// covers the note text, so it holds whoever signed the note, and the caller verifies the log's signature itself.
    /// </summary>
    public CosignatureQuorum Check(SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new CosignatureQuorum(Quorum, [.. Witnesses.Select(witness => Cosignature(witness, checkpoint))]);
    }

    private static CosignatureCheck Cosignature(CosignatureVerifierKey witness, SignedNote checkpoint)
    {
        var lines = checkpoint.Signatures.Where(witness.Identifies).ToList();
        if (lines.Count == 0)
        {
            return new CosignatureCheck(witness, CosignatureStatus.Missing, null);
        }
        var times = lines.Select(line => witness.Verifies(line, checkpoint.Text)).ToList();
        // signed-note: a line of a known key that fails to verify should reject the whole note, so a good line beside it does not count.
        return times.Any(time => time is null)
            ? new CosignatureCheck(witness, CosignatureStatus.Invalid, null)
            : new CosignatureCheck(witness, CosignatureStatus.Cosigned, times.Max());
    }
}

public enum CosignatureStatus
{
    /// <summary>Its cosignature verifies.</summary>
    Cosigned,

    /// <summary>No signature line carries its name and key ID.</summary>
    Missing,

    /// <summary>A line carries its name and key ID but does not verify: the checkpoint, the time or the signature was changed.</summary>
    Invalid,
}

/// <summary>One witness's cosignature on a checkpoint; <see cref="CosignedAt"/> is the time it states, when it verifies.</summary>
public sealed record CosignatureCheck(CosignatureVerifierKey Witness, CosignatureStatus Status, DateTimeOffset? CosignedAt);

/// <summary>Every witness of a <see cref="WitnessPolicy"/> with its cosignature's status, and whether enough cosigned.</summary>
public sealed record CosignatureQuorum(int Quorum, IReadOnlyList<CosignatureCheck> Witnesses)
{
    public int Cosigned => Witnesses.Count(witness => witness.Status == CosignatureStatus.Cosigned);

    public bool IsMet => Cosigned >= Quorum;
}
