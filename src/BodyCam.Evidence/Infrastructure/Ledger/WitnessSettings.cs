using BodyCam.Evidence.Verification.Notes;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The witnesses that cosign the log's checkpoints (c2sp.org/tlog-witness), and how many cosignatures a checkpoint
/// needs before it is served as the latest. No witnesses: quorum 0, and every signed checkpoint is served as before.
/// </summary>
public sealed record WitnessSettings(IReadOnlyList<Witness> Witnesses, int Quorum, TimeSpan Timeout)
{
    public const string HttpClientName = "witnesses";

    public static WitnessSettings From(IConfiguration configuration)
    {
        var witnesses = configuration.GetSection("Ledger:Witnesses").GetChildren()
            .OrderBy(section => int.TryParse(section.Key, out var index) ? index : int.MaxValue)
            .Select(Witness.From)
            .ToList();
        foreach (var duplicate in witnesses.GroupBy(w => w.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ConfigurationException(
                $"Ledger:Witnesses names the witness {duplicate.Key} {duplicate.Count()} times: each witness's key name must be its own.");
        }
        var quorum = configuration.Value("Ledger:WitnessQuorum", witnesses.Count);
        if (quorum < 0 || quorum > witnesses.Count)
        {
            throw new ConfigurationException(
                $"Ledger:WitnessQuorum is {quorum}; it must be from 0 to the {witnesses.Count} witnesses configured under Ledger:Witnesses.");
        }
        var timeout = configuration.Value("Ledger:WitnessTimeoutSeconds", 10);
        if (timeout is < 1 or > 300)
        {
            throw new ConfigurationException($"Ledger:WitnessTimeoutSeconds is {timeout}; it must be from 1 to 300 seconds.");
        }
        return new WitnessSettings(witnesses, quorum, TimeSpan.FromSeconds(timeout));
    }

    public Witness? Named(string name) => Witnesses.SingleOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal));
}

/// <param name="AddCheckpoint">The witness's <c>add-checkpoint</c> endpoint: its submission prefix followed by <c>/add-checkpoint</c>.</param>
/// <param name="Key">The witness's cosigner key; its name names the witness everywhere (state, cosignatures, metrics, logs).</param>
public sealed record Witness(Uri AddCheckpoint, CosignatureVerifierKey Key)
{
    public string Name => Key.Name;

    internal static Witness From(IConfigurationSection section)
    {
        var urlKey = $"Ledger:Witnesses:{section.Key}:Url";
        var keyKey = $"Ledger:Witnesses:{section.Key}:Key";
        var url = section["Url"];
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var prefix)
            || prefix.Scheme is not ("http" or "https") || prefix.Query.Length > 0 || prefix.Fragment.Length > 0)
        {
            throw new ConfigurationException(
                $"{urlKey} is '{url}'; it must be the witness's submission prefix, an absolute http or https URL without query or fragment, such as https://witness.example/ .");
        }
        if (string.IsNullOrWhiteSpace(section["Key"]))
        {
            throw new ConfigurationException($"{keyKey} is missing; it must be the witness's cosigner verifier key, name+keyID+base64(0x04 ‖ Ed25519 public key).");
        }
        CosignatureVerifierKey key;
        try
        {
            key = CosignatureVerifierKey.Parse(section["Key"]!.Trim());
        }
        catch (FormatException invalid)
        {
            throw new ConfigurationException($"{keyKey} is not an Ed25519 cosignature/v1 verifier key (type 0x04): {invalid.Message}");
        }
        return new Witness(AddCheckpointOf(prefix), key);
    }

    /// <summary>
    /// tlog-witness writes the endpoint <c>&lt;submission prefix&gt;/add-checkpoint</c>: the prefix is the URL without a
    /// final slash, so <c>https://w.example/tlog</c> and <c>https://w.example/tlog/</c> both mean
    /// <c>https://w.example/tlog/add-checkpoint</c>.
    /// </summary>
    private static Uri AddCheckpointOf(Uri prefix) => new(prefix.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/add-checkpoint");
}
