using System.Text.RegularExpressions;

namespace BodyCam.Evidence.Tests.Docs;

/// <summary>
/// The README and the pages under docs/ point at each other and at the code by relative links; a page moved or
/// renamed must not leave a link behind that names nothing.
/// </summary>
public sealed partial class DocumentLinksTests
{
    [Test]
    public void Every_relative_link_in_the_readme_and_docs_names_a_file_that_exists()
    {
        var root = LocalServices.RepositoryRoot;
        var documents = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();

        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            var text = InlineCode().Replace(Fence().Replace(File.ReadAllText(document), ""), "");
            foreach (Match link in MarkdownLink().Matches(text))
            {
                var target = link.Groups["target"].Value.Trim().Trim('<', '>');
                if (target.Length == 0 || target.StartsWith('#') || Absolute().IsMatch(target))
                    continue;
                var path = Uri.UnescapeDataString(target.Split('#', 2)[0]);
                checkedLinks++;
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, path));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    broken.Add($"{Path.GetRelativePath(root, document)}: ({target})");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(documents, Has.Count.GreaterThan(1), "README.md and docs/**/*.md");
            Assert.That(checkedLinks, Is.GreaterThan(0), "relative links found");
            Assert.That(broken, Is.Empty, "links naming no file:\n" + string.Join("\n", broken));
        });
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)")]
    private static partial Regex Absolute();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
