using System.CommandLine;
using BodyCam.Evidence.Infrastructure;

namespace BodyCam.Evidence.Cli;

internal static class BodyCamCli
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("bodycam: tools for BodyCam.Evidence (dock uploads, development tokens, database migrations).")
        {
            TokenCommand.Create(),
            DatabaseCommand.Create(),
            Upload.UploadCommand.Create(),
            Verify.VerifyCommand.Create(),
            AxisCommand.Create(),
        };
        // A configuration the commands cannot run with is one line naming the key, not the default handler's stack trace.
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (ConfigurationException misconfigured)
        {
            await Console.Error.WriteLineAsync(misconfigured.Message);
            return ConfigurationException.ExitCode;
        }
        catch (Exception failure)
        {
            // Any other failure ends with 1, reported unless it was a cancellation, as System.CommandLine's default handler does.
            if (failure is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("Unhandled exception: " + failure);
            }
            return 1;
        }
    }
}
