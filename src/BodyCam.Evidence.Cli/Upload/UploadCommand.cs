using System.CommandLine;

namespace BodyCam.Evidence.Cli.Upload;

internal static class UploadCommand
{
    private const long MiB = 1 << 20;
    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var path = new Argument<string>("file-or-folder") { Description = "A recording, or a folder whose files (recursively) are all uploaded." };
        var server = new Option<string>("--server") { Description = "The server's base URL, e.g. https://evidence.example.", Required = true };
        var dockKey = new Option<string>("--dock-key") { Description = "This dock's key (bcdk_…), sent as X-Dock-Key.", Required = true };
        var officer = new Option<string>("--officer") { Description = "The officer the camera is assigned to.", Required = true };
        var device = new Option<string>("--device") { Description = "The camera's serial number.", Required = true };
        var category = new Option<string?>("--category") { Description = "Evidence category." };
        var recordedStart = new Option<DateTimeOffset?>("--recorded-start") { Description = "When recording started (ISO 8601); default: the file's last-write time." };
        var recordedEnd = new Option<DateTimeOffset?>("--recorded-end") { Description = "When recording ended (ISO 8601); default: the file's last-write time." };
        var chunkSizeMiB = new Option<int>("--chunk-size-mib") { Description = "Size of each PATCH.", DefaultValueFactory = _ => 64 };
        var waitVerified = new Option<bool>("--wait-verified") { Description = "Wait until the server has verified every recording's SHA-256." };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long --wait-verified waits, after the last upload.", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var tusPath = new Option<string>("--tus-path") { Description = "The tus creation path on the server (another tus server's, for testing).", DefaultValueFactory = _ => "/ingest/tus/" };

        var command = new Command(
            "upload",
            "Uploads recordings over tus, resuming what an earlier run left unfinished, and prints "
            + "'<uploadId> <status> <sha256> <file>' for each. Only a recording whose status is Verified may be wiped "
            + "from the camera. Exit codes: 0 done, 2 bad input or refused by the server, 3 quarantined, 4 timed out or gave up, 130 interrupted.")
        {
            path, server, dockKey, officer, device, category, recordedStart, recordedEnd, chunkSizeMiB, waitVerified, timeout, tusPath,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                var serverUrl = BaseUrl(parsed.GetRequiredValue(server));
                var chunkSize = parsed.GetValue(chunkSizeMiB) is > 0 and var mib
                    ? mib * MiB
                    : throw new UploadStoppedException(UploadExitCode.Refused, "--chunk-size-mib must be at least 1.");
                var waitTimeout = parsed.GetValue(timeout) is { Ticks: > 0 } positive
                    ? positive
                    : throw new UploadStoppedException(UploadExitCode.Refused, "--timeout must be positive.");
                var recordings = RecordingsAt(parsed.GetRequiredValue(path));
                if (recordings.Count == 0)
                {
                    Console.Error.WriteLine($"Nothing to upload in {parsed.GetRequiredValue(path)}.");
                    return UploadExitCode.Ok;
                }
                var declaration = new RecordingDeclaration(
                    parsed.GetRequiredValue(device), parsed.GetRequiredValue(officer), parsed.GetValue(category),
                    parsed.GetValue(recordedStart), parsed.GetValue(recordedEnd));

                using var tus = new TusClient(serverUrl, TusPath(parsed.GetRequiredValue(tusPath)), parsed.GetRequiredValue(dockKey));
                var uploader = new DockUploader(tus, declaration, chunkSize);
                var uploaded = new List<UploadedRecording>();
                foreach (var recording in recordings)
                {
                    uploaded.Add(await ForRecordingAsync(recording, () => uploader.UploadAsync(recording, cancellationToken)));
                }
                return await ReportStatusAsync(tus, uploaded, parsed.GetValue(waitVerified) ? waitTimeout : null, cancellationToken);
            }
            catch (UploadStoppedException stopped)
            {
                Console.Error.WriteLine(stopped.Message);
                return stopped.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return UploadExitCode.Interrupted;
            }
        });
        return command;
    }

    /// <summary>
    /// Prints each recording's status; with a wait, polls until every one is Verified or Quarantined. Only
    /// Verified says the server holds exactly what the camera recorded.
    /// </summary>
    private static async Task<int> ReportStatusAsync(
        TusClient tus, List<UploadedRecording> uploaded, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var statuses = new UploadStatus?[uploaded.Count];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait is { } waitTimeout)
        {
            deadline.CancelAfter(waitTimeout);
        }
        var timedOut = false;
        try
        {
            while (true)
            {
                for (var i = 0; i < uploaded.Count; i++)
                {
                    if (statuses[i] is not { IsFinal: true })
                    {
                        var recording = uploaded[i];
                        var backoff = new Backoff(message => Console.Error.WriteLine($"{recording.Path}: {message}"));
                        statuses[i] = await ForRecordingAsync(
                            recording.Path, () => backoff.RetryAsync(() => tus.GetStatusAsync(recording.UploadId, deadline.Token), deadline.Token));
                    }
                }
                if (wait is null || statuses.All(status => status is { IsFinal: true }))
                {
                    break;
                }
                await Task.Delay(StatusPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }

        for (var i = 0; i < uploaded.Count; i++)
        {
            Console.WriteLine($"{uploaded[i].UploadId} {statuses[i]?.Status ?? "Unknown"} {uploaded[i].Sha256} {uploaded[i].Path}");
        }
        var quarantined = uploaded.Where((_, i) => statuses[i]?.Status == UploadStatus.Quarantined).ToList();
        foreach (var recording in quarantined)
        {
            Console.Error.WriteLine($"{recording.Path}: quarantined: what the server stored does not match its SHA-256; keep it on the camera.");
        }
        if (statuses.All(status => status?.Status == UploadStatus.Verified))
        {
            Console.Error.WriteLine("Every recording is verified: the camera may be wiped.");
        }
        else if (timedOut)
        {
            Console.Error.WriteLine($"Not every recording was verified within {wait}: do not wipe the camera yet.");
        }
        else if (quarantined.Count == 0)
        {
            Console.Error.WriteLine("Not verified yet: do not wipe the camera until every recording is Verified (--wait-verified waits).");
        }
        return quarantined.Count > 0 ? UploadExitCode.Quarantined
            : timedOut ? UploadExitCode.TimedOut
            : UploadExitCode.Ok;
    }

    /// <summary>Names the recording in whatever stops the run; a file the dock cannot read or write stops it too.</summary>
    private static async Task<T> ForRecordingAsync<T>(string recording, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (UploadStoppedException stopped)
        {
            throw new UploadStoppedException(stopped.ExitCode, $"{recording}: {stopped.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UploadStoppedException(UploadExitCode.Refused, $"{recording}: {e.Message}");
        }
    }

    private static string BaseUrl(string server)
    {
        var trimmed = server.TrimEnd('/');
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? trimmed
            : throw new UploadStoppedException(UploadExitCode.Refused, $"--server must be an http or https URL, not '{server}'.");
    }

    private static string TusPath(string tusPath) => tusPath.StartsWith('/') ? tusPath : "/" + tusPath;

    private static List<string> RecordingsAt(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }
        if (!Directory.Exists(path))
        {
            throw new UploadStoppedException(UploadExitCode.Refused, $"No such file or folder: {path}");
        }
        // Hidden files are recordings too; symbolic links are skipped so that a link cannot loop the walk.
        var everyRegularFile = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(path, "*", everyRegularFile)
            .Where(file => !file.EndsWith(UploadState.FileSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
