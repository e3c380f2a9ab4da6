using System.CommandLine;
using System.Globalization;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>
/// <c>--witness</c> and <c>--witness-quorum</c>: the witnesses whose cosignatures the verified checkpoint must carry. A
/// key that does not parse, a witness given twice or a quorum out of range is a command line the verifier cannot read.
/// </summary>
internal sealed class WitnessOptions
{
    private readonly Option<string[]> witness = new("--witness")
    {
        Description = "A witness's cosigner verifier key (name+keyid+base64, Ed25519 cosignature/v1), obtained from the witness out of band. Repeat for each witness.",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };

    private readonly Option<int?> quorum = new("--witness-quorum")
    {
        Description = "How many of the --witness keys must have cosigned the checkpoint (default: all of them).",
    };

    public WitnessOptions()
    {
        witness.Validators.Add(result =>
        {
            foreach (var key in result.Tokens.Select(token => token.Value))
            {
                try
                {
                    CosignatureVerifierKey.Parse(key.Trim());
                }
                catch (FormatException unreadable)
                {
                    result.AddError($"--witness '{key}': {unreadable.Message}");
                }
            }
        });
    }

    /// <summary>Adds both options to <paramref name="command"/>, with the check of one against the other.</summary>
    public void AddTo(Command command)
    {
        command.Add(witness);
        command.Add(quorum);
        command.Validators.Add(result =>
        {
            // A quorum that is not a number is reported by the parser itself; reading it here would throw instead.
            var quorumTokens = result.GetResult(quorum)?.Tokens ?? [];
            if (result.GetResult(witness)?.Errors.Any() == true || quorumTokens.Any(token => !int.TryParse(token.Value, CultureInfo.InvariantCulture, out _)))
            {
                return;
            }
            var keys = result.GetValue(witness) ?? [];
            if (result.GetValue(quorum) is { } needed && (needed < 0 || needed > keys.Length))
            {
                result.AddError($"--witness-quorum {needed}: a quorum is between 0 and the number of --witness keys given ({keys.Length}).");
            }
            var twice = keys.Select(key => key.Trim()).GroupBy(key => key, StringComparer.Ordinal).FirstOrDefault(same => same.Count() > 1);
            if (twice is not null)
            {
                result.AddError($"--witness '{twice.Key}' is given twice; each witness counts once towards the quorum.");
            }
        });
    }

    public WitnessPolicy Policy(ParseResult parsed) =>
        new([.. parsed.GetValue(witness)!.Select(key => CosignatureVerifierKey.Parse(key.Trim()))], parsed.GetValue(quorum));
}
