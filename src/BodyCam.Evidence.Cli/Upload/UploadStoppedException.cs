namespace BodyCam.Evidence.Cli.Upload;

/// <summary>Ends the whole run: retrying cannot help, or has stopped helping.</summary>
internal sealed class UploadStoppedException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
