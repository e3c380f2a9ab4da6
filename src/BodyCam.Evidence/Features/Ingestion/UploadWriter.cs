using Mediator;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// How every adapter writes an upload: it holds the upload's lock, appends, and when that brought the last byte,
/// completes the upload before letting go, so that no other request writes it in between. Appending and completing
/// are two commands, each through the pipeline once: the append commits its progress itself as the bytes arrive,
/// the completion commits the evidence item with its custody event in a transaction of its own.
/// </summary>
public sealed class UploadWriter(IMediator mediator, UploadLocks locks)
{
    public async Task<AppendedToUpload> AppendAsync(AppendToUpload append, CancellationToken cancellationToken)
    {
        await using var writer = await locks.AcquireAsync(append.UploadId, cancellationToken);
        var appended = await mediator.Send(append, cancellationToken);
        if (appended.Completes)
        {
            await mediator.Send(new CompleteUpload(append.UploadId), CancellationToken.None);
        }
        return appended;
    }
}
