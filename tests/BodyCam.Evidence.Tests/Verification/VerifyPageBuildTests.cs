using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Tests.Verification;

public sealed class VerifyPageBuildTests
{
    private static readonly string Sources = Path.Combine(LocalServices.RepositoryRoot, "src", "BodyCam.Evidence.Verification", "Browser");

    [Test]
    public async Task The_shipped_verify_page_is_what_its_sources_build_and_what_the_assembly_embeds()
    {
        var fresh = Path.Combine(Directory.CreateTempSubdirectory("bodycam-verify-page-").FullName, "verify.html");

        await LocalServices.RunAsync("node", Path.Combine(Sources, "build.mjs"), fresh);

        var shipped = await File.ReadAllBytesAsync(Path.Combine(Sources, ExportPackageFiles.VerifyPage));
        using var embedded = new MemoryStream();
        await using (var stream = ExportPackageFiles.OpenVerifyPage())
        {
            await stream.CopyToAsync(embedded);
        }
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(fresh), Is.EqualTo(shipped), "verify.html is not what its sources build: build it (dotnet build) and commit it");
            Assert.That(embedded.ToArray(), Is.EqualTo(shipped), "the assembly embeds another verify.html than the shipped one");
        });
        Directory.Delete(Path.GetDirectoryName(fresh)!, recursive: true);
    }
}
