using System.CommandLine;

namespace BodyCam.Evidence.Cli;

internal static class BodyCamCli
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("bodycam: tools for BodyCam.Evidence (dock uploads, development tokens, database migrations).")
        {
            TokenCommand.Create(),
            DatabaseCommand.Create(),
            Upload.UploadCommand.Create(),
            Verify.VerifyCommand.Create(),
            AxisCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
