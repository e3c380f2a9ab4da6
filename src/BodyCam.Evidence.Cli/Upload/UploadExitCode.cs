namespace BodyCam.Evidence.Cli.Upload;

internal static class UploadExitCode
{
    public const int Ok = 0;
    public const int Refused = 2;
    public const int Quarantined = 3;
    public const int TimedOut = 4;

    // The shell's convention for a run stopped by a signal (128 + SIGINT), so that a dock script can tell it apart.
    public const int Interrupted = 130;
}
