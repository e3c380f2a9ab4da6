using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Tests.Infrastructure.Ledger;

public sealed class WitnessSettingsTests
{
    private static readonly string Board = Key("witness.example/board", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static readonly string Defender = Key("witness.example/defender", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

    [Test]
    public void Without_witnesses_the_quorum_is_0()
    {
        var settings = From();

        Assert.That((settings.Witnesses.Count, settings.Quorum), Is.EqualTo((0, 0)));
    }

    [Test]
    public void The_quorum_defaults_to_every_configured_witness()
    {
        var settings = From(
            ("Ledger:Witnesses:0:Url", "https://board.example/tlog"), ("Ledger:Witnesses:0:Key", Board),
            ("Ledger:Witnesses:1:Url", "https://defender.example/"), ("Ledger:Witnesses:1:Key", Defender));

        Assert.That(settings.Quorum, Is.EqualTo(2));
        Assert.That(settings.Witnesses.Select(w => w.Name), Is.EqualTo(new[] { "witness.example/board", "witness.example/defender" }));
    }

    [TestCase("https://board.example/tlog", "https://board.example/tlog/add-checkpoint")]
    [TestCase("https://board.example/tlog/", "https://board.example/tlog/add-checkpoint")]
    [TestCase("https://board.example", "https://board.example/add-checkpoint")]
    [TestCase("http://127.0.0.1:8080/witness/", "http://127.0.0.1:8080/witness/add-checkpoint")]
    public void The_endpoint_is_the_submission_prefix_then_slash_add_checkpoint(string prefix, string endpoint)
    {
        var settings = From(("Ledger:Witnesses:0:Url", prefix), ("Ledger:Witnesses:0:Key", Board));

        Assert.That(settings.Witnesses[0].AddCheckpoint.ToString(), Is.EqualTo(endpoint));
    }

    [TestCase("Ledger:WitnessQuorum", "Ledger:WitnessQuorum", "2")]
    [TestCase("Ledger:WitnessQuorum", "Ledger:WitnessQuorum", "-1")]
    [TestCase("Ledger:WitnessQuorum", "Ledger:WitnessQuorum", "all")]
    [TestCase("Ledger:Witnesses:0:Url", "Ledger:Witnesses:0:Url", "board.example/tlog")]
    [TestCase("Ledger:Witnesses:0:Url", "Ledger:Witnesses:0:Url", "ftp://board.example/tlog")]
    [TestCase("Ledger:Witnesses:0:Url", "Ledger:Witnesses:0:Url", "https://board.example/tlog?x=1")]
    [TestCase("Ledger:Witnesses:0:Key", "Ledger:Witnesses:0:Key", "witness.example/board+00000000+AQ==")]
    [TestCase("Ledger:Witnesses:0:Key", "Ledger:Witnesses:0:Key", "")]
    [TestCase("Ledger:WitnessTimeoutSeconds", "Ledger:WitnessTimeoutSeconds", "0")]
    public void A_bad_setting_is_refused_naming_its_key(string named, string key, string value)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ledger:Witnesses:0:Url"] = "https://board.example/tlog",
            ["Ledger:Witnesses:0:Key"] = Board,
            [key] = value,
        };

        var refusal = Assert.Throws<ConfigurationException>(() => From([.. settings.Select(pair => (pair.Key, pair.Value))]));

        Assert.That(refusal!.Message, Does.StartWith(named));
    }

    [Test]
    public void A_log_key_is_not_a_witness_key()
    {
        var logKey = new NoteSigner("witness.example/board", NoteSigner.GenerateSeed()).VerifierKey.ToString();

        var refusal = Assert.Throws<ConfigurationException>(() => From(("Ledger:Witnesses:0:Url", "https://board.example/"), ("Ledger:Witnesses:0:Key", logKey)));

        Assert.That(refusal!.Message, Does.StartWith("Ledger:Witnesses:0:Key").And.Contain("0x01"));
    }

    [Test]
    public void Two_witnesses_of_one_name_are_refused()
    {
        var refusal = Assert.Throws<ConfigurationException>(() => From(
            ("Ledger:Witnesses:0:Url", "https://board.example/"), ("Ledger:Witnesses:0:Key", Board),
            ("Ledger:Witnesses:1:Url", "https://board2.example/"), ("Ledger:Witnesses:1:Key", Board)));

        Assert.That(refusal!.Message, Does.StartWith("Ledger:Witnesses").And.Contain("witness.example/board"));
    }

    private static string Key(string name, string publicKeyHex) => CosignatureVerifierKey.ForEd25519(name, Convert.FromHexString(publicKeyHex)).ToString();

    private static WitnessSettings From(params (string Key, string Value)[] values) =>
        WitnessSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => KeyValuePair.Create(value.Key, (string?)value.Value)))
            .Build());
}
