using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// One integration round at a time in this process, shared by every caller waiting for it. A round seals every
/// custody event committed before it began, so a caller that committed while another round ran waits for that
/// one to end and then for the next, which the first caller to get there starts for all of them: many commits,
/// one lock holder, one commit for the whole batch. Rounds of other processes queue on the database's lock.
/// </summary>
public sealed class CustodyLogIntegration
{
    private readonly Lock _gate = new();
    private long _started;
    private long _finished;
    private (Task Task, long Number)? _running;
    private Edge? _edge;

    /// <summary>Returns when a round that started after this call has finished; rethrows that round's failure.</summary>
    internal async Task AwaitRoundAsync(Func<Task> round, CancellationToken cancellationToken)
    {
        long needed;
        lock (_gate)
        {
            needed = _started + 1;
        }
        while (true)
        {
            (Task Task, long Number) current;
            lock (_gate)
            {
                if (_finished >= needed)
                {
                    return;
                }
                if (_running is null)
                {
                    _started++;
                    _running = (RunAsync(round, _started), _started);
                }
                current = _running.Value;
            }
            try
            {
                // The round belongs to every caller waiting for it: one caller giving up must not cancel it.
                await current.Task.WaitAsync(cancellationToken);
            }
            catch (Exception) when (current.Number < needed && !cancellationToken.IsCancellationRequested)
            {
                // A round that began before this caller's commit failed; the one this caller needs is still to come.
            }
        }
    }

    /// <summary>
    /// The log's right edge as this process's last committed round left it, if the log is still that: same size,
    /// same last leaf. Another process (or a signer) that appended since makes the size differ, and the round reads
    /// the edge from the stored subtrees instead.
    /// </summary>
    internal CompactRange? RememberedEdgeAt(CustodyLogHead head) =>
        Volatile.Read(ref _edge) is { } edge && edge.Size == head.Size && head.LastLeafHash is { } lastLeaf && lastLeaf.AsSpan().SequenceEqual(edge.LastLeafHash)
            ? new CompactRange(edge.Size, edge.Hashes)
            : null;

    /// <summary>Only after the round's commit: an edge of a rolled-back round would not be the log's.</summary>
    internal void Remember(CompactRange edge, byte[] lastLeafHash) =>
        Volatile.Write(ref _edge, new Edge(edge.Size, lastLeafHash, edge.EdgeHashes));

    private async Task RunAsync(Func<Task> round, long number)
    {
        await Task.Yield();
        try
        {
            await round();
            lock (_gate)
            {
                _finished = number;
            }
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }
    }

    private sealed record Edge(long Size, byte[] LastLeafHash, IReadOnlyList<byte[]> Hashes);
}
