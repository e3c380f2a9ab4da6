using System.CommandLine;
using BodyCam.Evidence.Cli;

var root = new RootCommand("bodycam: tools for BodyCam.Evidence (development tokens, database migrations).")
{
    TokenCommand.Create(),
    DatabaseCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
