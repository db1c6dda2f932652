using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

public sealed class TemplateTests
{
    [Fact]
    public void Every_kind_template_validates_and_flags_only_its_placeholders()
    {
        using var corpus = TestCorpus.Valid();
        foreach (var kind in EntityKinds.All)
        {
            corpus.Write($"{kind.Folder}/new-one.md", EntityTemplates.Create(kind.Kind, "new-one"));
            corpus.Write($"{kind.Folder}/new-two.md", EntityTemplates.Create(kind.Kind, "new-two"));
        }

        var result = corpus.Load();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics.Where(d => d.IsError)));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.Placeholder, d.Code));
        Assert.All(EntityKinds.All, kind => Assert.Contains(result.Diagnostics, d => d.Path.Contains($"/{kind.Folder}/new-one.md", StringComparison.Ordinal)));
        Assert.Equal(EntityKind.Indicator, result.Snapshot!.Find("indicators/new-one")!.Kind);
    }
}
