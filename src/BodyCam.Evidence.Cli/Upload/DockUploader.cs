using Microsoft.Win32.SafeHandles;

namespace BodyCam.Evidence.Cli.Upload;

internal sealed record UploadedRecording(string Path, string UploadId, string Sha256);

/// <summary>Sends one recording in checksummed chunks, resuming the upload an earlier run left unfinished.</summary>
internal sealed class DockUploader(TusClient tus, RecordingDeclaration declaration, long chunkSize)
{
    public async Task<UploadedRecording> UploadAsync(string path, CancellationToken cancellationToken)
    {
        var recording = new FileInfo(path);
        var progress = new ProgressLine(recording.Name, recording.Length);
        try
        {
            return await UploadAsync(path, recording, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Interrupt("stopped; the same command resumes the upload");
            throw;
        }
    }

    private async Task<UploadedRecording> UploadAsync(
        string path, FileInfo recording, ProgressLine progress, CancellationToken cancellationToken)
    {
        var size = recording.Length;
        var backoff = new Backoff(progress.Interrupt);

        var state = await UploadState.LoadAsync(recording, cancellationToken);
        if (state is { Completed: true } && state.Describes(recording))
        {
            progress.Interrupt($"already uploaded as {state.UploadId}");
            return new UploadedRecording(path, state.UploadId, state.Sha256);
        }
        if (state is { Completed: false } && !state.Describes(recording))
        {
            progress.Interrupt("changed since its unfinished upload began; starting again");
            await TerminateQuietlyAsync(state.UploadUrl, cancellationToken);
            state = null;
        }

        using var file = File.OpenHandle(recording.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        long offset = 0;
        if (state is { Completed: false } unfinished)
        {
            var serverOffset = await backoff.RetryAsync(() => tus.GetOffsetAsync(unfinished.UploadUrl, cancellationToken), cancellationToken);
            if (serverOffset is { } resumeAt)
            {
                offset = resumeAt;
                progress.Interrupt($"resuming {unfinished.UploadId} at byte {resumeAt}");
            }
            else
            {
                progress.Interrupt($"the server no longer has upload {unfinished.UploadId}; starting again");
                state = null;
            }
        }
        if (state is not { Completed: false })
        {
            var sha256 = Convert.ToHexStringLower(
                await FileRange.Sha256Async(file, 0, size, hashed => progress.Report("hashing", hashed), cancellationToken));
            var metadata = declaration.ToUploadMetadata(recording, sha256);
            var uploadUrl = await backoff.RetryAsync(() => tus.CreateAsync(size, metadata, cancellationToken), cancellationToken);
            state = new UploadState(uploadUrl, size, recording.LastWriteTimeUtc, sha256, Completed: false, UploadIdOf(uploadUrl));
            await state.SaveAsync(recording, cancellationToken);
        }

        await SendChunksAsync(file, state.UploadUrl, offset, size, progress, backoff, cancellationToken);
        progress.Finish(size);
        state = state with { Completed = true };
        await state.SaveAsync(recording, cancellationToken);
        return new UploadedRecording(path, state.UploadId, state.Sha256);
    }

    private async Task SendChunksAsync(
        SafeFileHandle file, Uri upload, long offset, long size,
        ProgressLine progress, Backoff backoff, CancellationToken cancellationToken)
    {
        while (offset < size)
        {
            var chunkStart = offset;
            var chunkLength = Math.Min(chunkSize, size - chunkStart);
            // Hashed by a first read of the range, then streamed by a second: the chunk is never held in memory.
            var chunkSha256 = await FileRange.Sha256Async(file, chunkStart, chunkLength, onProgress: null, cancellationToken);
            try
            {
                offset = await tus.PatchAsync(
                    upload, file, chunkStart, chunkLength, chunkSha256, sent => progress.Report("sending", chunkStart + sent), cancellationToken);
                if (offset <= chunkStart)
                {
                    throw new TransientUploadException($"the server moved the offset from {chunkStart} to {offset}");
                }
                backoff.Reset();
            }
            catch (TransientUploadException failure)
            {
                await backoff.WaitAsync(failure, cancellationToken);
                offset = await backoff.RetryAsync(() => tus.GetOffsetAsync(upload, cancellationToken), cancellationToken)
                    ?? throw new UploadStoppedException(UploadExitCode.Refused, $"the server no longer has upload {UploadIdOf(upload)}.");
            }
        }
        if (offset != size)
        {
            throw new UploadStoppedException(UploadExitCode.Refused, $"the server reports offset {offset}, beyond the recording's {size} bytes.");
        }
    }

    private async Task TerminateQuietlyAsync(Uri upload, CancellationToken cancellationToken)
    {
        // Best effort: the server also expires abandoned uploads, so a refused or failed DELETE changes nothing.
        try
        {
            await tus.TerminateAsync(upload, cancellationToken);
        }
        catch (TransientUploadException)
        {
        }
    }

    private static string UploadIdOf(Uri upload) => Uri.UnescapeDataString(upload.Segments[^1].TrimEnd('/'));
}
