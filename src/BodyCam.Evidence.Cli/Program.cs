using System.CommandLine;

namespace BodyCam.Evidence.Cli;

internal static class BodyCamCli
{
    public static async Task<int> Main(string[] args)
    {
        var verify = Verify.VerifyCommand.Create();
        var root = new RootCommand("bodycam: tools for BodyCam.Evidence (dock uploads, development tokens, database migrations).")
        {
            TokenCommand.Create(),
            DatabaseCommand.Create(),
            Upload.UploadCommand.Create(),
            verify,
            AxisCommand.Create(),
        };
        var parsed = root.Parse(args);
        var exitCode = await parsed.InvokeAsync();
        // A verification's exit code is its verdict: a command line it could not read is no verdict (2), not a failed check (1).
        var isVerification = parsed.CommandResult.Command == verify || verify.Subcommands.Contains(parsed.CommandResult.Command);
        return parsed.Errors.Count > 0 && isVerification ? Verify.VerifyCommand.CouldNotVerify : exitCode;
    }
}
