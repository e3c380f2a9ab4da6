using System.IO.Compression;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// The verify.html a package carries, opened from the disk in Chromium as a court clerk would open it, given the package
/// the server made and the same package changed as an attacker would; and <c>bodycam verify export</c> on each of them.
/// The page reads the package in the browser alone, so one profile's server is enough to make it.
/// </summary>
[NonParallelizable]
public sealed class VerifyPageTests : BrowserTests
{
    private const string Board = "verify-page-board";

    private EvidenceApiFactory _api = null!;
    private string _key = "";
    private string _package = "";
    private string _page = "";

    [OneTimeSetUp]
    public async Task MakeAPackageAndOpenItsPage()
    {
        Guid item;
        (_api, item) = await ClipExportVideo.StartAsync(ApiProfile.Embedded, testServices: null, ("Ledger:CheckpointEverySeconds", "1"));
        _key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
        var board = _api.ClientFor(Roles.OversightBoard, Board);
        var request = await ExportPackages.RequestAsync(board, new { evidenceId = item, startSeconds = 2.0, endSeconds = 5.0, purpose = "Complaint 2026-207" });
        await ExportPackages.ApproveAsync(_api, request.Id);
        _package = await ExportPackages.DownloadAsync(_api, board, await ClipExportVideo.WaitUntilDoneAsync(board, request.Id));
        _page = Path.Combine(Directory.CreateTempSubdirectory("bodycam-verify-page-").FullName, ExportPackageFiles.VerifyPage);
        using var zip = ZipFile.OpenRead(_package);
        zip.GetEntry(ExportPackageFiles.VerifyPage)!.ExtractToFile(_page);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _api.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_page)!, recursive: true);
    }

    [Test]
    public async Task The_page_and_bodycam_verify_export_reach_the_same_verdict_on_each_package_and_the_page_names_the_failing_check()
    {
        var anotherKey = new NoteSigner(NoteVerifierKey.Parse(_key).Name, NoteSigner.GenerateSeed()).VerifierKey.ToString();
        var cases = new Dictionary<string, (string Zip, string Key, string? Failing)>
        {
            ["the package as made"] = (_package, _key, null),
            ["a flipped clip byte"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.Clip, bytes =>
            {
                bytes[bytes.Length / 2] ^= 0x01;
                return bytes;
            }), _key, "clip"),
            ["a changed manifest field"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.Manifest, bytes =>
                [.. System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("Complaint 2026-207", "Public release", StringComparison.Ordinal))]),
                _key, "manifest"),
            ["a wrong pasted key"] = (_package, anotherKey, "signature"),
            ["a duplicated entry"] = (ExportPackages.Repackaged(_package, zip => ExportPackages.Add(zip, ExportPackageFiles.Clip, "another video")), _key, "files"),
            ["an unexpected entry"] = (ExportPackages.Repackaged(_package, zip => ExportPackages.Add(zip, "notes.txt", "Approved by the chief.")), _key, "files"),
            ["a swapped verify.html"] = (ClipExportTests.Rewrite(_package, ExportPackageFiles.VerifyPage, bytes => [.. bytes, .. "<!-- -->"u8]), _key, "page"),
        };

        var results = new Dictionary<string, (string Verdict, string? Failing, int CliExit, string CliOutput)>();
        foreach (var (change, (zip, key, _)) in cases)
        {
            var (verdict, failing) = await CheckInThePageAsync(zip, key);
            var (exit, output) = await ExportPackages.VerifyWithCliAsync(zip, key);
            results[change] = (verdict, failing, exit, output);
        }

        Assert.Multiple(() =>
        {
            foreach (var (change, (_, _, failing)) in cases)
            {
                var result = results[change];
                Assert.That(result.Verdict, Is.EqualTo(failing is null ? "pass" : "fail"), change);
                Assert.That(result.Failing, Is.EqualTo(failing), change);
                Assert.That(result.CliExit, Is.EqualTo(failing is null ? 0 : 1), $"{change}:\n{result.CliOutput}");
            }
        });
    }

    [Test]
    public async Task The_page_is_accessible_and_says_in_words_which_check_passed_and_which_failed()
    {
        await CheckInThePageAsync(_package, _key);
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Verified: .* passed every check\\.$"));
        await Expect(Page.Locator("li[data-check=clip] .outcome")).ToHaveTextAsync("passed");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "verify-page-pass", "verification");

        await CheckInThePageAsync(ClipExportTests.Rewrite(_package, ExportPackageFiles.Clip, bytes =>
        {
            bytes[bytes.Length / 2] ^= 0x01;
            return bytes;
        }), _key);
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Failed: ");
        await Expect(Page.Locator("li[data-check=clip] .outcome")).ToHaveTextAsync("FAILED");
        await Expect(Page.Locator("li[data-check=readme] .outcome")).ToHaveTextAsync("not checked: an earlier check failed");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "verify-page-fail", "verification");
    }

    [Test]
    public async Task A_package_dropped_on_the_page_is_checked_as_one_chosen_with_the_file_input()
    {
        await Page.GotoAsync(new Uri(_page).AbsoluteUri);
        var files = await Page.EvaluateHandleAsync(
            "([name, base64]) => { const files = new DataTransfer(); files.items.add(new File([Uint8Array.fromBase64(base64)], name)); return files; }",
            new[] { Path.GetFileName(_package), Convert.ToBase64String(await File.ReadAllBytesAsync(_package)) });

        await Page.DispatchEventAsync("main", "drop", new { dataTransfer = files });

        await Page.WaitForFunctionAsync("() => document.body.dataset.verdict !== undefined");
        Assert.That(await Page.EvaluateAsync<string>("() => document.body.dataset.verdict"), Is.EqualTo("pass"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Verified: {Path.GetFileName(_package)} passed every check.");
    }

    /// <summary>Opens the package's own verify.html from the disk, gives it the key and the zip, and waits for its verdict.</summary>
    private async Task<(string Verdict, string? Failing)> CheckInThePageAsync(string zip, string key)
    {
        await Page.GotoAsync(new Uri(_page).AbsoluteUri);
        await Page.GetByLabel("The agency's verifier key").FillAsync(key);
        await Page.GetByLabel("Choose the package's zip file").SetInputFilesAsync(zip);
        await Page.WaitForFunctionAsync("() => document.body.dataset.verdict !== undefined");
        return (await Page.EvaluateAsync<string>("() => document.body.dataset.verdict"),
            await Page.EvaluateAsync<string?>("() => document.querySelector('li[data-outcome=fail]')?.dataset.check ?? null"));
    }
}
