using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>What a match means on the shipped corpus: every term, words not characters, phrases and names first, counts that add up.</summary>
public sealed class ShippedSearchTests(ShippedIndex shipped) : IClassFixture<ShippedIndex>
{
    [Fact]
    public void Hainan_matches_only_entities_that_mention_Hainan_never_Jinan_Hunan_or_Nanjing_through_a_shared_character()
    {
        var (keys, total) = shipped.All("海南");

        Assert.Equal(keys.Count, total);
        Assert.Equal("provinces/hainan", keys[0]);
        Assert.All(keys, k => Assert.Matches("海南|Hainan", Text(k)));
        Assert.DoesNotContain("cities/jinan", keys);
        Assert.DoesNotContain("provinces/hunan", keys);
        Assert.DoesNotContain("cities/nanjing", keys);
        Assert.Equal(shipped.Snapshot.Entities.Count(e => Regex.IsMatch(Text(e.Key), @"海南|\bHainan\b")), total);
    }

    [Fact]
    public void A_character_the_dictionary_leaves_alone_is_searched_with_its_word_never_by_itself()
    {
        // SmartCn segments 稳定币 as 稳定 + 币; 币 alone would match every 人民币.
        var (stablecoin, _) = shipped.All("稳定币");
        Assert.All(stablecoin, k => Assert.Contains("稳定币", Text(k), StringComparison.Ordinal));
        Assert.DoesNotContain("organizations/pboc", stablecoin);

        // 查全球 is out of the dictionary's vocabulary and segmented into single characters: they form one word.
        var (platform, _) = shipped.All("查全球");
        Assert.Equal("cases/qingdao-chaquanqiu-platform", platform[0]);
        Assert.All(platform, k => Assert.Matches("查全球|Cha Quanqiu", Text(k)));
    }

    [Theory]
    [InlineData("海南 DEPA", "海南|Hainan", "DEPA|数字经济伙伴关系协定|Digital Economy Partnership Agreement")]
    [InlineData("数字人民币", "数字人民币|digital renminbi", null)]
    [InlineData("cross-border data Tianjin", "(?i)cross-border data|数据跨境|跨境数据", "(?i)tianjin|天津")]
    public void Every_term_of_the_query_must_match(string query, string first, string? second)
    {
        var (keys, total) = shipped.All(query);

        Assert.True(total > 0, query);
        Assert.All(keys, k => Assert.Matches(first, Text(k)));
        Assert.All(keys, k => Assert.Matches(second ?? string.Empty, Text(k)));
    }

    [Fact]
    public void An_exact_name_comes_first_then_names_beginning_with_the_query_then_the_rest()
    {
        var (keys, _) = shipped.All("海南自由贸易港");
        var beginning = shipped.Snapshot.Entities.Where(e => e.Name.Zh.StartsWith("海南自由贸易港", StringComparison.Ordinal) && e.Key != "zones/hainan-ftp").Select(e => e.Key).ToHashSet();

        Assert.Equal("zones/hainan-ftp", keys[0]);
        Assert.Equal(beginning, keys.Skip(1).Take(beginning.Count).ToHashSet());
    }

    [Fact]
    public void The_words_together_rank_above_the_words_apart()
    {
        var (keys, _) = shipped.All("data export negative list");

        // Read from the corpus: only these two names hold the four words in this order.
        Assert.Equal(
            ["cases/beijing-ftz-data-export-negative-list", "policies/beijing-ftz-data-export-management-measures"],
            keys.Take(2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_alias_or_a_unique_beginning_of_a_name_also_finds_the_entitys_other_names()
    {
        // Costa Rica's summary says DEPA, not its full English name.
        var (byAlias, _) = shipped.All("DEPA");
        var (byName, _) = shipped.All("digital economy partnership");

        Assert.Equal("agreements/depa", byAlias[0]);
        Assert.Equal("agreements/depa", byName[0]);
        Assert.Equal(byAlias.ToHashSet(), byName.ToHashSet());
        Assert.Contains("economies/costa-rica", byName);
    }

    [Fact]
    public void English_words_are_stemmed()
    {
        Assert.Equal(shipped.All("stablecoin").Keys.ToHashSet(), shipped.All("stablecoins").Keys.ToHashSet());
        Assert.Equal(shipped.All("negative list").Keys.ToHashSet(), shipped.All("negative lists").Keys.ToHashSet());
    }

    [Fact]
    public void A_misspelt_longer_word_still_finds_the_entity()
    {
        Assert.Equal("bases/zhongguancun-software-park", shipped.All("Zhongguancun Sofware Park").Keys[0]);
        Assert.Equal("cities/hangzhou", shipped.All("Hangzhuo").Keys[0]);
    }

    [Fact]
    public void Facets_count_the_matches_of_each_kind_before_the_kinds_filter()
    {
        var all = shipped.Index.Search(new SearchQuery("海南"), new PageRequest(5, null), TestContext.Current.CancellationToken);
        var policies = shipped.Index.Search(new SearchQuery("海南", new HashSet<EntityKind> { EntityKind.Policy }), new PageRequest(5, null), TestContext.Current.CancellationToken);

        Assert.Equal(all.Hits.TotalCount, all.Facets.Values.Sum());
        Assert.Equal(all.Facets, policies.Facets);
        Assert.Equal(all.Facets[EntityKind.Policy], policies.Hits.TotalCount);
        Assert.All(policies.Hits.Items, h => Assert.Equal(EntityKind.Policy, h.Node.Entity.Kind));
    }

    [Fact]
    public void A_query_that_finds_nothing_suggests_the_closest_names_and_one_that_finds_something_suggests_none()
    {
        var nothing = shipped.Index.Search(new SearchQuery("海南 稳定币"), new PageRequest(5, null), TestContext.Current.CancellationToken);
        var something = shipped.Index.Search(new SearchQuery("海南"), new PageRequest(5, null), TestContext.Current.CancellationToken);
        var gibberish = shipped.Index.Search(new SearchQuery("xqzvj"), new PageRequest(5, null), TestContext.Current.CancellationToken);

        Assert.Equal(0, nothing.Hits.TotalCount);
        Assert.Contains(nothing.Suggestions, s => s.Entity.Key == "provinces/hainan");
        Assert.Contains(nothing.Suggestions, s => s.Entity.Key == "policies/hong-kong-stablecoins-ordinance" && s.Text == "稳定币条例草案");
        Assert.Empty(something.Suggestions);
        Assert.Equal(0, gibberish.Hits.TotalCount);
        Assert.Empty(gibberish.Suggestions);
    }

    [Fact]
    public void Highlights_mark_the_matched_words_in_the_querys_language()
    {
        var zh = shipped.Index.Search(new SearchQuery("中关村"), new PageRequest(1, null), TestContext.Current.CancellationToken).Hits.Items[0].Node;
        var en = shipped.Index.Search(new SearchQuery("Zhongguancun"), new PageRequest(1, null), TestContext.Current.CancellationToken).Hits.Items[0].Node;

        Assert.Equal(new SearchHighlight("name", "<em>中关村</em>软件园"), zh.Highlights[0]);
        Assert.Equal(new SearchHighlight("name", "<em>Zhongguancun</em> Software Park"), en.Highlights[0]);
    }

    [Fact]
    public void Pages_follow_one_another_without_repeats_and_a_cursor_past_the_end_is_an_empty_page()
    {
        var seen = new List<string>();
        string? after = null;
        int total;
        do
        {
            var page = shipped.Index.Search(new SearchQuery("数据"), new PageRequest(7, after), TestContext.Current.CancellationToken).Hits;
            total = page.TotalCount;
            seen.AddRange(page.Items.Select(i => i.Node.Entity.Key));
            after = page.HasNextPage ? page.Items[^1].Cursor : null;
        }
        while (after is not null);

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var beyond = shipped.Index.Search(new SearchQuery("数据"), new PageRequest(5, Cursors.Encode("search", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))), TestContext.Current.CancellationToken).Hits;
        Assert.Empty(beyond.Items);
        Assert.Equal(total, beyond.TotalCount);
        var error = Assert.Throws<GraphQueryException>(() => shipped.Index.Search(new SearchQuery("数据"), new PageRequest(5, Cursors.Encode("search", "x")), TestContext.Current.CancellationToken));
        Assert.Equal("INVALID_CURSOR", error.Code);
    }

    private string Text(string key)
    {
        var e = shipped.Snapshot.Find(key)!;
        return string.Join('\n', e.Name.Zh, e.Name.En, string.Join(" ; ", e.Aliases), e.Summary?.Zh, e.Summary?.En, e.Narrative.Text);
    }
}
