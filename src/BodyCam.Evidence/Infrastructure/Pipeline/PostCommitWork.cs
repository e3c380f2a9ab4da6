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
/// A command that commits its work itself, so no transaction is opened around its handler: an upload streams and
/// commits its progress in short transactions rather than one as long as the upload; a content request's view is
/// committed together with those of concurrent requests (<c>ViewRecorder</c>), which an open transaction of its own
/// would hold up (SQLite has one writer).
/// </summary>
public interface ICommitsItself;
