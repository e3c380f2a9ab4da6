namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>The map library the player serves is npm's leaflet exactly, so updating it is copying it again.</summary>
public sealed class VendoredLeafletTests
{
    private static readonly string Vendored = Path.Combine(LocalServices.RepositoryRoot, "src", "BodyCam.Evidence", "Features", "Console", "Assets", "leaflet");
    private static readonly string Package = Path.Combine(LocalServices.RepositoryRoot, "deploy", "local", "node", "node_modules", "leaflet");

    [Test]
    public void The_served_leaflet_files_are_npms_leaflet_1_9_4_byte_for_byte()
    {
        Assert.That(File.ReadAllText(Path.Combine(Package, "package.json")), Does.Contain("\"version\": \"1.9.4\""));
        var files = Directory.GetFiles(Vendored, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Vendored, f)).Order(StringComparer.Ordinal).ToList();

        Assert.That(files, Is.EqualTo(new[]
        {
            "LICENSE", Path.Combine("images", "layers-2x.png"), Path.Combine("images", "layers.png"), Path.Combine("images", "marker-icon-2x.png"),
            Path.Combine("images", "marker-icon.png"), Path.Combine("images", "marker-shadow.png"), "leaflet.css", "leaflet.js",
        }));
        foreach (var file in files)
        {
            var original = file == "LICENSE" ? Path.Combine(Package, file) : Path.Combine(Package, "dist", file);
            Assert.That(File.ReadAllBytes(Path.Combine(Vendored, file)), Is.EqualTo(File.ReadAllBytes(original)), file);
        }
    }
}
