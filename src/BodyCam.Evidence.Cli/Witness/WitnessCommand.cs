using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Cli.Witness;

/// <summary>
/// <c>bodycam witness</c>: a c2sp.org/tlog-witness for one log, for an oversight board to run on its own machine, and
/// <c>bodycam witness key</c>, which prints the witness's cosigner verifier key for the board to hand to the agency.
/// </summary>
internal static class WitnessCommand
{
    /// <summary>A request is an old size, at most 63 hashes and a checkpoint with its signatures: a few kilobytes.</summary>
    private const int MaxRequestBytes = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create()
    {
        var keyFile = new Option<FileInfo>("--key-file")
        {
            Description = "The witness's private key: a 32-byte Ed25519 seed in base64, created readable by its owner only if the file does not exist.",
            Required = true,
        };
        var name = new Option<string>("--name")
        {
            Description = "The witness's name, e.g. oversight.example.org/witness: part of its verifier key and of every cosignature line.",
            Required = true,
        };
        var logKey = new Option<string>("--log-key") { Description = "The log's verifier key (name+keyid+base64), obtained from the agency out of band.", Required = true };
        var origin = new Option<string?>("--origin") { Description = "The origin line of the log's checkpoints (default: the log key's name)." };
        var listen = new Option<string>("--listen")
        {
            Description = "Where to listen, host:port or http://host:port; port 0 picks a free one. add-checkpoint is served at <address>/add-checkpoint.",
            Required = true,
        };
        var state = new Option<FileInfo>("--state")
        {
            Description = "The witness's state: the latest checkpoint it cosigned, rewritten atomically before each answer. Never delete it.",
            Required = true,
        };

        var key = new Command("key", "Prints the witness's cosigner verifier key (creating its key file if absent), for the agency's Ledger:Witnesses and for verifiers' --witness.")
        {
            keyFile, name,
        };
        key.SetAction(parsed =>
        {
            Console.WriteLine(Signer(parsed.GetRequiredValue(keyFile), parsed.GetRequiredValue(name)).VerifierKey);
            return 0;
        });

        var witness = new Command(
            "witness",
            "Runs a witness (c2sp.org/tlog-witness) for one log: it cosigns each checkpoint that extends the last one it cosigned, and refuses any other forever.")
        {
            logKey, origin, listen, state, keyFile, name, key,
        };
        witness.SetAction(async (parsed, cancellationToken) =>
        {
            var log = ParseLogKey(parsed.GetRequiredValue(logKey));
            var signer = Signer(parsed.GetRequiredValue(keyFile), parsed.GetRequiredValue(name));
            var logWitness = new LogWitness(
                log, parsed.GetValue(origin) ?? log.Name, signer, new WitnessStateFile(parsed.GetRequiredValue(state).FullName), TimeProvider.System);
            await RunAsync(logWitness, signer, ListenUrl(parsed.GetRequiredValue(listen)), cancellationToken);
            return 0;
        });
        return witness;
    }

    private static async Task RunAsync(LogWitness witness, CosignatureSigner signer, string url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);
        await using var app = builder.Build();
        app.MapPost("/add-checkpoint", async (HttpContext context) =>
        {
            string body;
            try
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                body = Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                return Answer(WitnessAnswer.Refused(StatusCodes.Status400BadRequest, "Not an add-checkpoint request: it is not UTF-8."));
            }
            var answer = witness.AddCheckpoint(body);
            Console.WriteLine($"{DateTimeOffset.UtcNow:O} {answer.Summary}");
            return Answer(answer);
        });
        // tlog-witness's monitoring retrieval: GET <prefix>/<lowercase hex SHA-256 of the origin>/checkpoint.
        var originHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(witness.Origin)));
        app.MapGet($"/{originHash}/checkpoint", () => witness.LatestNote is { } note
            ? Results.Text(note, "text/plain; charset=utf-8")
            : Results.NotFound());

        await app.StartAsync(cancellationToken);
        Console.WriteLine($"witness {signer.VerifierKey}");
        Console.WriteLine($"witnessing {witness.Origin}, latest cosigned size {witness.Latest.TreeSize}");
        foreach (var address in app.Urls)
        {
            Console.WriteLine($"listening on {address}");
        }
        await app.WaitForShutdownAsync(cancellationToken);
    }

    private static IResult Answer(WitnessAnswer answer) => Results.Text(answer.Body, answer.ContentType, Utf8, answer.Status);

    private static CosignatureSigner Signer(FileInfo keyFile, string name)
    {
        var seed = KeyFile.ReadOrCreate(keyFile.FullName, "--key-file", CosignatureSigner.GenerateSeed);
        try
        {
            return new CosignatureSigner(name, seed);
        }
        catch (ArgumentException unusable)
        {
            throw new ConfigurationException($"--key-file '{keyFile.FullName}' or --name '{name}' cannot make a witness key: {unusable.Message}");
        }
    }

    private static NoteVerifierKey ParseLogKey(string text)
    {
        try
        {
            return NoteVerifierKey.Parse(text.Trim());
        }
        catch (FormatException unreadable)
        {
            throw new ConfigurationException($"--log-key: {unreadable.Message}");
        }
    }

    /// <summary>Plain HTTP only: the protocol trusts signatures, not the channel; a board that wants TLS puts a proxy in front.</summary>
    private static string ListenUrl(string address)
    {
        var url = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? $"http://{uri.Authority}"
            : throw new ConfigurationException($"--listen '{address}' is not host:port or http://host:port.");
    }
}
