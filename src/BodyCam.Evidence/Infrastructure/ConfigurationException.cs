namespace BodyCam.Evidence.Infrastructure;

/// <summary>
/// A configuration value the server cannot run with. The message is one line that names the key; the server and
/// <c>bodycam</c> print it alone, without a stack trace, and exit with <see cref="ExitCode"/>.
/// </summary>
public sealed class ConfigurationException(string message) : InvalidOperationException(message)
{
    /// <summary>EX_CONFIG of sysexits(3), so that a supervisor can tell a configuration error from a crash and not restart into it.</summary>
    public const int ExitCode = 78;
}
