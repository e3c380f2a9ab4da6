namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>
/// Work a command wants done only once its transaction has committed — typically enqueuing a job with the
/// IDs it just wrote, so the job can never run against state that was rolled back.
/// </summary>
public sealed class PostCommitWork
{
    private readonly List<Func<Task>> _pending = [];

    public void Add(Action work) => _pending.Add(() =>
    {
        work();
        return Task.CompletedTask;
    });

    public void Add(Func<Task> work) => _pending.Add(work);

    internal void Discard() => _pending.Clear();

    internal async Task RunAsync()
    {
        var work = _pending.ToList();
        _pending.Clear();
        foreach (var step in work)
        {
            await step();
        }
    }
}

/// <summary>
/// A command that streams data and commits its progress itself in short transactions, instead of in one
/// transaction around the whole handler that could stay open for the length of an upload.
/// </summary>
public interface IStreamingCommand;
