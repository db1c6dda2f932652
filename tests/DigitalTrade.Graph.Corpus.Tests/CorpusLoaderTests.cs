using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

public sealed class CorpusLoaderTests
{
    [Fact]
    public void A_valid_corpus_becomes_a_snapshot_with_relations_from_front_matter_and_links()
    {
        using var corpus = TestCorpus.Valid();

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        var snapshot = Assert.IsType<GraphSnapshot>(result.Snapshot);
        Assert.Equal(4, snapshot.Entities.Count);
        var depa = snapshot.Find("agreements/depa")!;
        Assert.Equal(EntityKind.Agreement, depa.Kind);
        Assert.Equal("in_force", depa.Status);
        Assert.Equal(["DEPA"], depa.Aliases);
        Assert.Contains(snapshot.AllRelations, r => r is { From: "economies/singapore", Type: RelationType.PartyTo, To: "agreements/depa" });
        Assert.Contains(snapshot.AllRelations, r => r is { From: "agreements/depa", Type: RelationType.Mentions, To: "economies/singapore", Properties.Origin: RelationOrigin.BodyLink });
        Assert.Contains("href=\"/entity/economies/singapore\"", depa.Narrative.Html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"economies/singapore\"", depa.Narrative.Html, StringComparison.Ordinal);
        Assert.Equal("见 新加坡。", depa.Narrative.In(Language.Zh).Text);
        Assert.Equal("About Digital Economy Partnership Agreement.", depa.Narrative.In(Language.En).Text);
        Assert.Equal("见 新加坡。\nAbout Digital Economy Partnership Agreement.", depa.Narrative.Text);
        Assert.Equal("见 [新加坡](../economies/singapore.md)。\n\nAbout Digital Economy Partnership Agreement.", depa.Narrative.Markdown);
        Assert.Equal(depa.Narrative.In(Language.Zh).Html + depa.Narrative.In(Language.En).Html, depa.Narrative.Html);
    }

    [Fact]
    public void The_version_is_a_content_hash_that_changes_with_any_file()
    {
        using var corpus = TestCorpus.Valid();
        var first = corpus.Load().Snapshot!.Version;
        Assert.Equal(first, corpus.Load().Snapshot!.Version);

        corpus.Write("economies/china.md", TestCorpus.Entity("economy", "中国", "China", "type: country", "", "改写。"));

        Assert.NotEqual(first, corpus.Load().Snapshot!.Version);
    }

    [Fact]
    public void One_broken_file_reports_every_error_at_once_and_nothing_is_served()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/broken.md", """
            ---
            kind: case
            name:
              zh: 坏案例
              en: Broken case
            theme: not_a_theme
            dates:
              started: 2024-13
            relations:
              LOCATED_IN: provinces/zhejaing
            sources:
              - section: "实践篇"
            ---
            ::: zh
            See [nowhere](../cases/nowhere.md).
            :::

            ::: en
            Nowhere.
            :::
            """);

        var result = corpus.Load();

        Assert.Null(result.Snapshot);
        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "graph-seed/cases/broken.md(2,1): warning DTG019: no 'summary': add one paragraph in Chinese and English",
                "graph-seed/cases/broken.md(6,8): error DTG015: 'not_a_theme' is not a valid theme for a case (allowed: technology_ecosystem, digital_services, data_flows, international_cooperation, cross_border_ecommerce, ip_services, overview)",
                "graph-seed/cases/broken.md(8,12): error DTG010: '2024-13' is not a valid date for 'dates.started' (use 2024, 2024-05 or 2024-05-21)",
                "graph-seed/cases/broken.md(10,15): error DTG012: relation target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)",
                "graph-seed/cases/broken.md(15,5): error DTG014: link target 'cases/nowhere' does not exist",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(4, result.ErrorCount);
    }

    [Fact]
    public void A_missing_corpus_folder_is_a_diagnostic_not_an_exception()
    {
        var result = Corpus.CorpusLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid()), displayRoot: "nowhere");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("nowhere(1,1): error DTG000: the corpus folder does not exist", diagnostic.ToString());
    }
}
