using BodyCam.Evidence.Domain.Ledger;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The custody log's public identity: the checkpoint origin (also the signing key's name), the Ed25519 key
/// that signs checkpoints, kept outside the database, how soon a grown log gets a new checkpoint, and the witnesses
/// that cosign them.
/// </summary>
public sealed record LedgerSettings(string Origin, string SigningKeyPath, int CheckpointEverySeconds, int TreeInMemoryFromLevel, WitnessSettings Witnessing)
{
    public static LedgerSettings From(IConfiguration configuration, string dataRoot)
    {
        var settings = new LedgerSettings(
            configuration["Ledger:Origin"] ?? "bodycam-evidence.localhost/custody",
            Path.GetFullPath(configuration["Ledger:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "ledger-signing.key")),
            configuration.Value("Ledger:CheckpointEverySeconds", 5),
            configuration.Value("Ledger:TreeInMemoryFromLevel", LedgerNodeCache.WholeTree),
            WitnessSettings.From(configuration));
        if (settings.Origin.Length == 0 || settings.Origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new ConfigurationException("Ledger:Origin must be non-empty, without spaces or '+': it is also the signing key's name.");
        }
        if (settings.CheckpointEverySeconds is < 1 or > 30 || 60 % settings.CheckpointEverySeconds != 0)
        {
            throw new ConfigurationException("Ledger:CheckpointEverySeconds must divide a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30.");
        }
        if (settings.TreeInMemoryFromLevel is < 0 or > LedgerNode.HighestLevel)
        {
            throw new ConfigurationException($"Ledger:TreeInMemoryFromLevel must be a tree level from 0 (the whole tree) to {LedgerNode.HighestLevel}.");
        }
        return settings;
    }

    /// <summary>A seconds-field cron schedule; Hangfire polls its schedule every second for it (see EvidenceServices).</summary>
    public string CheckpointSchedule => $"*/{CheckpointEverySeconds} * * * * *";
}
