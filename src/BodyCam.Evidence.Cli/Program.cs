using System.CommandLine;
using BodyCam.Evidence.Infrastructure;

namespace BodyCam.Evidence.Cli;

internal static class BodyCamCli
{
    public static async Task<int> Main(string[] args)
    {
        var verify = Verify.VerifyCommand.Create();
        var root = new RootCommand("bodycam: tools for BodyCam.Evidence (dock uploads, development tokens, database migrations, verification, a witness).")
        {
            TokenCommand.Create(),
            DatabaseCommand.Create(),
            Upload.UploadCommand.Create(),
            verify,
            AxisCommand.Create(),
            Witness.WitnessCommand.Create(),
        };
        var parsed = root.Parse(args);
        // A configuration the commands cannot run with is one line naming the key, not the default handler's stack trace.
        try
        {
            var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            // A verification's exit code is its verdict: a command line it could not read is no verdict (2), not a failed check (1).
            var isVerification = parsed.CommandResult.Command == verify || verify.Subcommands.Contains(parsed.CommandResult.Command);
            return parsed.Errors.Count > 0 && isVerification ? Verify.VerifyCommand.CouldNotVerify : exitCode;
        }
        catch (ConfigurationException misconfigured)
        {
            await Console.Error.WriteLineAsync(misconfigured.Message);
            return ConfigurationException.ExitCode;
        }
        catch (Exception failure)
        {
            // Any other failure ends with 1, reported unless it was a cancellation, as System.CommandLine's default handler
            // does, but in one line: an operator running `db migrate` against an unreachable database needs the cause, not the stack.
            if (failure is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"{failure.GetType().Name}: {failure.Message}");
            }
            return 1;
        }
    }
}
