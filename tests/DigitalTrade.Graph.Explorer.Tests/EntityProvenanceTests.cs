using System.Net;
using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>
/// Issue 14 as a reader of the entity pages meets it: events with their place and organisers, facts from
/// general knowledge marked with their reference, dates the report does not give said so, and the narrative
/// in each language on its own.
/// </summary>
public sealed partial class EntityProvenanceTests(ExplorerFactory host) : IClassFixture<ExplorerFactory>
{
    [Fact]
    public void Every_relation_type_of_the_model_has_a_place_and_human_names()
    {
        foreach (var type in RelationTypes.All.Select(t => t.Name))
        {
            Assert.Contains(type, Labels.RelationTypes);
            Assert.NotEqual(type, Labels.Relation(type, incoming: false).En);
            Assert.NotEqual(type, Labels.Relation(type, incoming: true).En);
            Assert.NotEqual(type, Labels.RelationName(type).En);
        }

        Assert.All(EntityKinds.All, kind => Assert.True(Labels.IsKind(kind.EnumValue), kind.EnumValue));
    }

    [Fact]
    public async Task An_event_page_shows_where_it_was_held()
    {
        var html = await PageAsync("/entity/events/paris-ai-action-summit");
        Assert.Contains("活动", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("data-type=\"HELD_IN\" data-direction=\"out\">.*?Held in.*?href=\"/entity/economies/france\"", RegexOptions.Singleline), html);
    }

    [Fact]
    public async Task A_relation_from_general_knowledge_carries_the_mark_and_its_reference()
    {
        // Japan's membership of RCEP is general knowledge in the corpus (the report does not list the parties).
        var html = await PageAsync("/entity/economies/japan");
        var rcep = Regex.Match(html, "<li>(?:(?!</li>).)*href=\"/entity/agreements/rcep\"(?:(?!</li>).)*</li>", RegexOptions.Singleline);
        Assert.True(rcep.Success, "no RCEP item on Japan's page");
        Assert.Contains("class=\"badge general\"", rcep.Value, StringComparison.Ordinal);
        Assert.Contains("ref: ", rcep.Value, StringComparison.Ordinal);

        // A relation the report states has no mark: China applied to join DEPA (its section is the source).
        var depa = await PageAsync("/entity/agreements/depa");
        var applicants = Regex.Match(depa, "data-type=\"APPLIED_TO\" data-direction=\"in\">.*?</ul>", RegexOptions.Singleline);
        var china = Regex.Match(applicants.Value, "<li>(?:(?!</li>).)*href=\"/entity/economies/china\"(?:(?!</li>).)*</li>", RegexOptions.Singleline);
        Assert.True(china.Success);
        Assert.DoesNotContain("badge general", china.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_the_report_does_not_give_is_said_to_be_not_given()
    {
        var html = await PageAsync("/entity/policies/binjiang-ip-navigation-action-plan");
        Assert.Matches(new Regex("class=\"dates-not-given[^\"]*\">Not given in the report[^<]*<span[^>]*>(?:(?!</p>).)*Issued", RegexOptions.Singleline), html);
    }

    [Fact]
    public async Task The_narrative_is_served_per_language_each_marked_with_its_lang()
    {
        var html = await PageAsync("/entity/agreements/depa");
        var zh = Regex.Match(html, "<div class=\"narrative-zh\" lang=\"zh\">(.*?)</div>", RegexOptions.Singleline);
        var en = Regex.Match(html, "<div class=\"narrative-en\" lang=\"en\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(zh.Success && en.Success, "both language blocks");
        Assert.Contains("新加坡", zh.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Singapore", en.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Singapore", zh.Groups[1].Value, StringComparison.Ordinal);
        Assert.True(zh.Index < en.Index, "Chinese first, as the report is written");
    }

    private async Task<string> PageAsync(string path)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
