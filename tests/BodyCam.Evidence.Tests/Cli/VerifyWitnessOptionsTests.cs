using System.Buffers.Binary;
using System.Security.Cryptography;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Cli;

/// <summary><c>bodycam verify checkpoint --witness … --witness-quorum N</c>, offline, on checkpoints cosigned by our own cosigner.</summary>
public sealed class VerifyWitnessOptionsTests
{
    private const string Origin = "custody.example/log";

    private static readonly DateTimeOffset Time = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly NoteSigner Log = new(Origin, NoteSigner.GenerateSeed());
    private static readonly CosignatureSigner Board = new("board.example/witness", CosignatureSigner.GenerateSeed());
    private static readonly CosignatureSigner Court = new("court.example/witness", CosignatureSigner.GenerateSeed());
    private static readonly string Text = new Checkpoint(Origin, 12, SHA256.HashData("twelve"u8)).ToNoteText();

    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteTheCheckpoints() => _files.ForEach(File.Delete);

    [Test]
    public async Task A_checkpoint_cosigned_by_every_witness_given_verifies_and_each_cosignature_time_is_printed()
    {
        var file = await WriteAsync(Board.Cosign(Text, Time), Court.Cosign(Text, Time.AddSeconds(5)));

        var (exit, output) = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Court));

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("witness board.example/witness: cosigned at 2026-03-01T12:00:00.0000000+00:00")
            .And.Contain("witness court.example/witness: cosigned at 2026-03-01T12:00:05.0000000+00:00")
            .And.Contain("witness quorum met: 2 of 2 witnesses cosigned, 2 required")
            .And.Contain($"checkpoint verified: {Origin}, 12 entries"));
    }

    [Test]
    public async Task A_missing_cosignature_fails_naming_the_witness_unless_the_quorum_is_met_without_it()
    {
        var file = await WriteAsync(Board.Cosign(Text, Time));

        var all = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Court));
        var oneOfTwo = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Court), "--witness-quorum", "1");
        var twoOfTwo = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Court), "--witness-quorum", "2");

        Assert.That((all.Exit, oneOfTwo.Exit, twoOfTwo.Exit), Is.EqualTo((1, 0, 1)), all.Output + oneOfTwo.Output + twoOfTwo.Output);
        Assert.That(twoOfTwo.Output, Does.Contain("FAILED: 1 of the 2 witness cosignatures required are on the checkpoint; witness court.example/witness has no cosignature on the checkpoint"));
        Assert.That(twoOfTwo.Output, Does.Not.Contain("checkpoint verified"));
        Assert.That(oneOfTwo.Output, Does.Contain("witness court.example/witness: has no cosignature").And.Contain("witness quorum met: 1 of 2 witnesses cosigned, 1 required"));
    }

    [Test]
    public async Task A_cosignature_by_another_key_under_the_witness_name_is_missing()
    {
        var impostor = new CosignatureSigner(Board.VerifierKey.Name, CosignatureSigner.GenerateSeed());
        var file = await WriteAsync(impostor.Cosign(Text, Time));

        var (exit, output) = await VerifyAsync(file, "--witness", Key(Board));

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("FAILED: 0 of the 1 witness cosignatures required are on the checkpoint; witness board.example/witness has no cosignature"));
    }

    [Test]
    public async Task A_cosignature_whose_timestamp_was_changed_fails_as_one_that_does_not_verify()
    {
        var cosignature = Board.Cosign(Text, Time);
        var later = cosignature.Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(later, (ulong)Time.AddDays(30).ToUnixTimeSeconds());
        var file = await WriteAsync(cosignature with { Signature = later });

        var (exit, output) = await VerifyAsync(file, "--witness", Key(Board));

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("witness board.example/witness has a cosignature on the checkpoint that does not verify"));
    }

    [Test]
    public async Task A_cosignature_of_another_checkpoint_does_not_verify_on_this_one()
    {
        var other = new Checkpoint(Origin, 13, SHA256.HashData("thirteen"u8)).ToNoteText();
        var file = await WriteAsync(Board.Cosign(other, Time));

        var (exit, output) = await VerifyAsync(file, "--witness", Key(Board));

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("witness board.example/witness has a cosignature on the checkpoint that does not verify"));
    }

    [Test]
    public async Task A_quorum_of_zero_passes_and_no_witness_options_check_no_cosignatures()
    {
        var file = await WriteAsync();

        var zero = await VerifyAsync(file, "--witness", Key(Board), "--witness-quorum", "0");
        var none = await VerifyAsync(file);

        Assert.That((zero.Exit, none.Exit), Is.EqualTo((0, 0)), zero.Output + none.Output);
        Assert.That(zero.Output, Does.Contain("witness board.example/witness: has no cosignature"));
        Assert.That(none.Output, Does.Not.Contain("witness"));
    }

    [TestCase("3", "--witness-quorum 3")]
    [TestCase("-1", "--witness-quorum -1")]
    [TestCase("two", "--witness-quorum")]
    public async Task A_quorum_out_of_range_or_not_a_number_is_a_usage_error_naming_the_option(string quorum, string named)
    {
        var file = await WriteAsync(Board.Cosign(Text, Time), Court.Cosign(Text, Time));

        var (exit, output) = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Court), "--witness-quorum", quorum);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain(named));
    }

    [Test]
    public async Task A_witness_key_that_is_not_a_cosigner_key_a_key_given_twice_and_a_quorum_without_witnesses_are_usage_errors()
    {
        var file = await WriteAsync(Board.Cosign(Text, Time));

        var noteKey = await VerifyAsync(file, "--witness", Log.VerifierKey.ToString());
        var twice = await VerifyAsync(file, "--witness", Key(Board), "--witness", Key(Board));
        var alone = await VerifyAsync(file, "--witness-quorum", "1");

        Assert.That((noteKey.Exit, twice.Exit, alone.Exit), Is.EqualTo((2, 2, 2)), noteKey.Output + twice.Output + alone.Output);
        Assert.That(noteKey.Output, Does.Contain($"--witness '{Log.VerifierKey}'").And.Contain("0x01 is not Ed25519 cosignature/v1 (0x04)"));
        Assert.That(twice.Output, Does.Contain($"--witness '{Key(Board)}' is given twice"));
        Assert.That(alone.Output, Does.Contain("--witness-quorum 1"));
    }

    private static string Key(CosignatureSigner witness) => witness.VerifierKey.ToString();

    private async Task<string> WriteAsync(params NoteSignature[] cosignatures)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cosigned-{Guid.NewGuid():N}.txt");
        _files.Add(file);
        await File.WriteAllTextAsync(file, Log.Sign(Text) + string.Concat(cosignatures.Select(c => c.ToLine() + "\n")));
        return file;
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string file, params string[] arguments)
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync(
            "dotnet", new Dictionary<string, string>(), [CliTests.CliAssembly, "verify", "checkpoint", file, "--key", Log.VerifierKey.ToString(), .. arguments]);
        return (exit, output + errors);
    }
}
