using System.Globalization;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Witness;

/// <summary>
/// A c2sp.org/tlog-witness for one log: it cosigns a checkpoint only when it is consistent with the latest one it
/// cosigned, so it never moves back and never cosigns two different histories. Requests are handled one at a time,
/// because checking the old size and storing the new checkpoint must be one step (the spec's rollback race).
/// </summary>
internal sealed class LogWitness
{
    private readonly NoteVerifierKey logKey;
    private readonly string origin;
    private readonly CosignatureSigner signer;
    private readonly WitnessStateFile state;
    private readonly TimeProvider clock;
    private readonly Lock oneAtATime = new();
    private string? latestNote;
    private Checkpoint latest;

    public LogWitness(NoteVerifierKey logKey, string origin, CosignatureSigner signer, WitnessStateFile state, TimeProvider clock)
    {
        (this.logKey, this.origin, this.signer, this.state, this.clock) = (logKey, origin, signer, state, clock);
        latestNote = state.Load(logKey, origin);
        latest = latestNote is null ? new Checkpoint(origin, 0, MerkleHash.EmptyTree()) : Checkpoint.Parse(SignedNote.Parse(latestNote).Text);
    }

    public string Origin => origin;

    public Checkpoint Latest
    {
        get
        {
            lock (oneAtATime)
            {
                return latest;
            }
        }
    }

    /// <summary>The latest cosigned checkpoint with the log's signature and this witness's cosignature, or null before the first.</summary>
    public string? LatestNote
    {
        get
        {
            lock (oneAtATime)
            {
                return latestNote;
            }
        }
    }

    public WitnessAnswer AddCheckpoint(string body)
    {
        AddCheckpointRequest request;
        try
        {
            request = AddCheckpointRequest.Parse(body);
        }
        catch (FormatException malformed)
        {
            return WitnessAnswer.Refused(400, malformed.Message);
        }
        if (request.Checkpoint.Origin != origin)
        {
            return WitnessAnswer.Refused(404, $"This witness does not witness the log '{request.Checkpoint.Origin}'.");
        }
        // Lines of other keys (other witnesses, a rotated key) are ignored; every line of the log's key must verify.
        var logSignatures = request.Note.Signatures.Where(logKey.Identifies).ToList();
        if (logSignatures.Count == 0)
        {
            return WitnessAnswer.Refused(403, $"The checkpoint carries no signature by the log's key {logKey.Name}.");
        }
        if (!logSignatures.All(signature => logKey.Verifies(signature, request.Note.Text)))
        {
            return WitnessAnswer.Refused(403, $"The checkpoint's signature by {logKey.Name} does not verify.");
        }
        if (request.OldSize > request.Checkpoint.TreeSize)
        {
            return WitnessAnswer.Refused(400, $"The old size {request.OldSize} is larger than the checkpoint's size {request.Checkpoint.TreeSize}.");
        }
        lock (oneAtATime)
        {
            if (request.OldSize != latest.TreeSize)
            {
                return WitnessAnswer.Conflict(latest.TreeSize);
            }
            if (InconsistencyOf(request) is { } inconsistency)
            {
                state.KeepRefused(clock.GetUtcNow(), inconsistency, body);
                return WitnessAnswer.Refused(422, inconsistency);
            }
            var cosignature = signer.Cosign(request.Note.Text, clock.GetUtcNow());
            var signatureLines = string.Concat(logSignatures.Append(cosignature).Select(signature => signature.ToLine() + "\n"));
            var cosigned = $"{request.Note.Text}\n{signatureLines}";
            state.Save(cosigned);
            (latestNote, latest) = (cosigned, request.Checkpoint);
            return WitnessAnswer.Cosigned(cosignature.ToLine() + "\n", $"cosigned {origin} at size {Size(request.Checkpoint.TreeSize)}");
        }
    }

    /// <summary>Why the checkpoint is not an extension of the latest one cosigned, or null when it is.</summary>
    private string? InconsistencyOf(AddCheckpointRequest request)
    {
        var (size, root) = (request.Checkpoint.TreeSize, request.Checkpoint.RootHash);
        if (size == 0 && !root.AsSpan().SequenceEqual(MerkleHash.EmptyTree()))
        {
            return "A checkpoint of size 0 must have the root hash of the empty tree.";
        }
        if (request.OldSize == 0 && request.Proof.Count > 0)
        {
            return "A consistency proof from size 0 is empty.";
        }
        if (request.OldSize == size && !root.AsSpan().SequenceEqual(latest.RootHash))
        {
            return $"The checkpoint has the size {Size(size)} of the latest cosigned checkpoint but another root hash: the log has two histories.";
        }
        return MerkleTree.VerifyConsistency(request.OldSize, size, request.Proof, latest.RootHash, root)
            ? null
            : $"The consistency proof from the cosigned size {Size(request.OldSize)} to {Size(size)} does not verify: the log may have rewritten its history.";
    }

    private static string Size(long size) => size.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The HTTP answer to an add-checkpoint request: status, content type and body, and the line the witness logs.</summary>
internal sealed record WitnessAnswer(int Status, string ContentType, string Body, string Summary)
{
    private const string Text = "text/plain; charset=utf-8";

    public static WitnessAnswer Cosigned(string signatureLines, string summary) => new(200, Text, signatureLines, summary);

    /// <summary>409 with the size of the latest cosigned checkpoint, so the log can resend from there.</summary>
    public static WitnessAnswer Conflict(long latestSize) =>
        new(409, "text/x.tlog.size", latestSize.ToString(CultureInfo.InvariantCulture) + "\n", $"409: the log's old size is not {latestSize}, the size last cosigned");

    public static WitnessAnswer Refused(int status, string reason) => new(status, Text, reason + "\n", $"refused ({status}): {reason}");
}
