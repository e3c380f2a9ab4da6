using System.CommandLine;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Cli;

internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.People), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.People]);
        var subject = new Option<string>("--sub") { Description = "The person's user id.", Required = true };
        var unit = new Option<string?>("--unit") { Description = "The unit a supervisor or officer belongs to." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token is valid.", DefaultValueFactory = _ => TimeSpan.FromHours(8) };

        var command = new Command("token", "Prints, as its last line, a bearer token that the embedded server accepts.")
        {
            role, subject, unit, name, lifetime, CliConfiguration.DataRoot,
        };
        command.SetAction(parsed =>
        {
            var settings = CliConfiguration.Load(parsed);
            if (!settings.Identity.UsesLocalIssuer)
            {
                Console.Error.WriteLine($"Identity:Authority is set ({settings.Identity.Authority}): tokens come from that issuer, not from bodycam.");
                return 2;
            }
            var issuer = new LocalTokenIssuer(settings.Identity, TimeProvider.System);
            var token = issuer.Issue(parsed.GetRequiredValue(subject), parsed.GetRequiredValue(role), parsed.GetValue(unit), parsed.GetValue(name), parsed.GetValue(lifetime));
            Console.Error.WriteLine($"Signed with {settings.Identity.LocalSigningKeyPath}");
            Console.WriteLine(token);
            return 0;
        });
        return command;
    }
}
