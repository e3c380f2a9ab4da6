using System.Security.Cryptography;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Cli;

/// <summary><c>bodycam verify checkpoint</c> on checkpoints of other logs, which may name their origin otherwise than their key.</summary>
public sealed class VerifyCheckpointTests
{
    private const string GoOrigin = "go.sum database tree";

    private string _checkpoint = "";
    private string _key = "";

    [SetUp]
    public async Task SignACheckpointAsGosChecksumDatabaseDoes()
    {
        var signer = new NoteSigner("sum.golang.org", NoteSigner.GenerateSeed());
        _key = signer.VerifierKey.ToString();
        _checkpoint = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(_checkpoint, signer.Sign(new Checkpoint(GoOrigin, 31700353, SHA256.HashData("root"u8)).ToNoteText()));
    }

    [TearDown]
    public void DeleteTheCheckpoint() => File.Delete(_checkpoint);

    [Test]
    public async Task A_checkpoint_whose_origin_is_not_its_key_name_verifies_against_the_origin_given()
    {
        var (exit, output) = await VerifyAsync("--origin", GoOrigin);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"checkpoint verified: {GoOrigin}, 31700353 entries"));
    }

    [Test]
    public async Task Without_an_origin_the_key_name_is_expected_and_another_origin_fails()
    {
        var byKeyName = await VerifyAsync();
        var another = await VerifyAsync("--origin", "bodycam-evidence.localhost/custody");

        Assert.That((byKeyName.Exit, another.Exit), Is.EqualTo((1, 1)), byKeyName.Output + another.Output);
        Assert.That(byKeyName.Output, Does.Contain($"FAILED: the checkpoint is of the log '{GoOrigin}', not of 'sum.golang.org'"));
        Assert.That(another.Output, Does.Contain($"FAILED: the checkpoint is of the log '{GoOrigin}', not of 'bodycam-evidence.localhost/custody'"));
    }

    [Test]
    public async Task A_command_line_the_verifier_cannot_read_is_no_verdict_rather_than_a_failure()
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync(
            "dotnet", new Dictionary<string, string>(), [CliTests.CliAssembly, "verify", "checkpoint", _checkpoint, "--origin", GoOrigin]);

        Assert.That(exit, Is.EqualTo(2), output + errors);
        Assert.That(errors, Does.Contain("--key"));
    }

    private async Task<(int Exit, string Output)> VerifyAsync(params string[] arguments)
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync(
            "dotnet", new Dictionary<string, string>(), [CliTests.CliAssembly, "verify", "checkpoint", _checkpoint, "--key", _key, .. arguments]);
        return (exit, output + errors);
    }
}
