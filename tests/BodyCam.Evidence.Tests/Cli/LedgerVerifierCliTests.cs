using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Cli;

/// <summary>
/// `bodycam verify` against a running server on PostgreSQL, including rows changed behind the application's
/// back by a database superuser who switched the append-only triggers off.
/// </summary>
public sealed class LedgerVerifierCliTests
{
    private EvidenceApiFactory _api = null!;
    private string _key = "";
    private string _token = "";

    [SetUp]
    public async Task StartServerWithALog()
    {
        _api = await EvidenceApiFactory.StartAsync(ApiProfile.Production, overNetwork: true, ("Ledger:CheckpointEverySeconds", "1"));
        for (var i = 0; i < 6; i++)
        {
            await _api.RegisterDockAsync();
        }
        _key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
        _token = _api.Service<LocalTokenIssuer>().Issue("ann", Roles.Auditor, null, null, TimeSpan.FromMinutes(10));
        await _api.WaitForCheckpointAsync();
    }

    [TearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task An_untouched_log_verifies_and_its_saved_checkpoint_verifies_offline()
    {
        var saved = Path.Combine(_api.DataRoot, "checkpoint.txt");

        var (exit, output) = await VerifyAsync("log", "--save", saved);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("log verified"));
        var (checkpointExit, checkpointOutput) = await RunCliAsync("verify", "checkpoint", saved, "--key", _key);
        Assert.That(checkpointExit, Is.EqualTo(0), checkpointOutput);
        var stranger = new NoteSigner("bodycam-evidence.localhost/custody", NoteSigner.GenerateSeed()).VerifierKey.ToString();
        var (strangerExit, strangerOutput) = await RunCliAsync("verify", "checkpoint", saved, "--key", stranger);
        Assert.That(strangerExit, Is.EqualTo(1), strangerOutput);
    }

    [Test]
    public async Task A_later_log_is_checked_against_a_checkpoint_saved_earlier()
    {
        var saved = Path.Combine(_api.DataRoot, "earlier.txt");
        Assert.That((await VerifyAsync("log", "--save", saved)).ExitCode, Is.EqualTo(0));
        await _api.RegisterDockAsync();
        await _api.WaitForCheckpointAsync();

        var (exit, output) = await VerifyAsync("log", "--previous", saved);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("consistent with the saved checkpoint"));
    }

    [Test]
    public async Task A_row_edited_in_the_database_is_named_by_its_index()
    {
        await AsSuperuserAsync("UPDATE custody_events SET reason = 'nothing happened' WHERE sequence = 2");

        var (exit, output) = await VerifyAsync("log");

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("FAILED: index 2:"));
    }

    [Test]
    public async Task An_entry_rewritten_with_a_matching_leaf_hash_is_found_by_bisection()
    {
        await using (var db = _api.OpenDb())
        {
            var original = (await db.CustodyEvents.SingleAsync(e => e.Sequence == 3)).ToEntry();
            var forged = (original with { Reason = "dock registered by someone else" }).ToCanonicalBytes();
            await AsSuperuserAsync(
                $"UPDATE custody_events SET reason = 'dock registered by someone else', entry = decode('{Convert.ToHexString(forged)}', 'hex'), "
                + $"leaf_hash = decode('{Convert.ToHexString(MerkleHash.Leaf(forged))}', 'hex') WHERE sequence = 3");
        }

        var (exit, output) = await VerifyAsync("log");

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("the first entry that differs from what the checkpoint signed is index 3"));
    }

    [Test]
    public async Task An_items_custody_verifies_event_by_event_once_a_checkpoint_covers_it()
    {
        var evidenceId = await _api.UploadVerifiedRecordingAsync("officer-5");
        await WaitForMediaProbeAsync(evidenceId);
        await _api.WaitForCheckpointAsync();

        var (exit, output) = await VerifyAsync("custody", evidenceId.ToString());

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("UploadStarted").And.Contain("Received").And.Contain("Verified").And.Contain($"custody of {evidenceId} verified"));
    }

    [Test]
    public async Task Log_and_custody_check_the_witnesses_on_the_served_checkpoint_as_verify_checkpoint_does()
    {
        var board = new CosignatureSigner("board.example/witness", CosignatureSigner.GenerateSeed()).VerifierKey.ToString();
        var evidenceId = await _api.UploadVerifiedRecordingAsync("officer-6");
        await WaitForMediaProbeAsync(evidenceId);
        await _api.WaitForCheckpointAsync();

        var log = await VerifyAsync("log", "--witness", board);
        var logWithoutQuorum = await VerifyAsync("log", "--witness", board, "--witness-quorum", "0");
        var custody = await VerifyAsync("custody", evidenceId.ToString(), "--witness", board);
        var unreadable = await VerifyAsync("custody", evidenceId.ToString(), "--witness", board, "--witness-quorum", "2");

        Assert.That((log.ExitCode, logWithoutQuorum.ExitCode, custody.ExitCode, unreadable.ExitCode), Is.EqualTo((1, 0, 1, 2)),
            log.Output + logWithoutQuorum.Output + custody.Output + unreadable.Output);
        Assert.That(log.Output, Does.Contain("FAILED: 0 of the 1 witness cosignatures required are on the checkpoint; witness board.example/witness has no cosignature"));
        Assert.That(log.Output, Does.Not.Contain("entries checked"), "a checkpoint without its cosignatures is not used");
        Assert.That(logWithoutQuorum.Output, Does.Contain("witness board.example/witness: has no cosignature").And.Contain("log verified"));
        Assert.That(custody.Output, Does.Contain("FAILED: 0 of the 1 witness cosignatures required").And.Not.Contain("verified: "));
        Assert.That(unreadable.Output, Does.Contain("--witness-quorum 2"));
    }

    /// <summary>The probe job's event is the item's last; a checkpoint signed before it would leave it unproven.</summary>
    private async Task WaitForMediaProbeAsync(Guid evidenceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = _api.OpenDb();
            if (await db.CustodyEvents.AnyAsync(e => e.EvidenceId == evidenceId && e.Action == Domain.Custody.CustodyAction.MediaProbed))
            {
                return;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "waiting for the media probe");
            await Task.Delay(100);
        }
    }

    private Task<(int ExitCode, string Output)> VerifyAsync(string what, params string[] arguments) =>
        RunCliAsync(["verify", what, "--server", _api.BaseAddress.ToString(), "--key", _key, "--token", _token, .. arguments]);

    private async Task AsSuperuserAsync(string sql)
    {
        await using var db = _api.OpenDb();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE custody_events DISABLE TRIGGER USER");
        await db.Database.ExecuteSqlRawAsync(sql);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE custody_events ENABLE TRIGGER USER");
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(params string[] arguments)
    {
        var (exitCode, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(), [CliTests.CliAssembly, .. arguments]);
        return (exitCode, output + errors);
    }
}
