using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The Event type over the shipped corpus: its facet, span and typed links, and the links back from places, organizers and outcomes.</summary>
public sealed class EventApiTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [Fact]
    public async Task An_event_serves_its_type_span_place_participants_and_outcome()
    {
        var data = await api.QueryAsync("""
            {
              entity(key: "events/paris-ai-action-summit") {
                kind
                ... on Event {
                  eventType start { text precision } end { text }
                  place { key kind }
                  participants { key }
                  outcomes { key }
                  outcomesConnection { totalCount }
                  organizers { key }
                  relations(types: [HELD_IN, INVOLVES, PRODUCED], direction: OUTGOING, first: 50) { edges { type role node { key } } }
                }
              }
            }
            """);

        var summit = data["entity"]!;
        Assert.Equal(("EVENT", "SUMMIT"), ((string?)summit["kind"], (string?)summit["eventType"]));
        Assert.Equal(("2025-02", "MONTH"), ((string?)summit["start"]!["text"], (string?)summit["start"]!["precision"]));
        Assert.Null(summit["end"]);
        Assert.Equal(("economies/france", "ECONOMY"), ((string?)summit["place"]!["key"], (string?)summit["place"]!["kind"]));
        Assert.Equal(["economies/china", "economies/france", "economies/india"], Keys(summit["participants"]));
        Assert.Equal(["agreements/ai-action-summit-statement"], Keys(summit["outcomes"]));
        Assert.Equal(1, (int)summit["outcomesConnection"]!["totalCount"]!);
        Assert.Empty(Keys(summit["organizers"]));
        Assert.Contains(summit["relations"]!["edges"]!.AsArray(), e => (string?)e!["type"] == "INVOLVES" && (string?)e["role"] == "signatory");
    }

    [Fact]
    public async Task Places_organizers_and_outcomes_link_back_to_their_events()
    {
        var data = await api.QueryAsync("""
            {
              france: entity(key: "economies/france") { ... on Economy { events { key } } }
              tianjin: entity(key: "provinces/tianjin") { ... on Province { events { key } eventsConnection { totalCount } } }
              dalian: entity(key: "cities/dalian") { ... on City { events { key } } }
              gacc: entity(key: "organizations/gacc") { ... on Organization { organizedEvents { key } } }
              statement: entity(key: "agreements/ai-action-summit-statement") { ... on Agreement { events { key } } }
              protocol: entity(key: "policies/xinmaolian-protocol") { ... on Policy { events { key } } }
            }
            """);

        Assert.Equal(["events/iyq-2025-opening-ceremony", "events/paris-ai-action-summit"], Keys(data["france"]!["events"]));
        Assert.Contains("events/sco-digital-economy-forum-2025", Keys(data["tianjin"]!["events"]));
        Assert.Equal(Keys(data["tianjin"]!["events"]).Count, (int)data["tianjin"]!["eventsConnection"]!["totalCount"]!);
        Assert.Equal(
            ["events/china-digital-software-service-trade-fair", "events/china-japan-economic-trade-summit-dalian", "events/dalian-haichuang-week-matchmaking"],
            Keys(data["dalian"]!["events"]));
        Assert.Equal(["events/customs-trade-data-press-conference"], Keys(data["gacc"]!["organizedEvents"]));
        Assert.Equal(["events/paris-ai-action-summit"], Keys(data["statement"]!["events"]));
        Assert.Equal(["events/xinmaolian-protocol-seminar-2025"], Keys(data["protocol"]!["events"]));
    }

    [Fact]
    public async Task A_province_holds_the_events_of_its_cities_as_the_province_filter_does()
    {
        var data = await api.QueryAsync("""
            {
              zhejiang: entity(key: "provinces/zhejiang") { ... on Province { events { key } } }
              filtered: entities(kinds: [EVENT], filter: { province: "provinces/zhejiang" }, first: 100) { nodes { key } }
            }
            """);

        var events = Keys(data["zhejiang"]!["events"]);
        Assert.Equal(Keys(data["filtered"]!["nodes"]), events);
        Assert.Contains("events/china-surveying-mapping-geoinformation-conference", events); // held in Deqing
        Assert.Contains("events/binjiang-overseas-ip-dispute-training-2024", events); // held in Binjiang, Hangzhou
    }

    [Fact]
    public async Task Events_list_filter_by_type_and_order_by_start()
    {
        var graph = api.Services.GetRequiredService<EmbeddedGraphStore>().Current!;
        var data = await api.QueryAsync("""
            {
              all: entities(kinds: [EVENT], first: 100) { totalCount }
              contests: entities(filter: { eventType: [COMPETITION] }, first: 100) { nodes { kind key } }
              in2025: entities(kinds: [EVENT], filter: { dateField: "start", dateFrom: "2025", dateTo: "2025" }, orderBy: DATE_ASC, first: 100) { nodes { key ... on Event { start { text } } } }
              corpus { kinds { kind count } relationTypes { type count } }
            }
            """);

        Assert.Equal(graph.OfKind(EntityKind.Event).Count, (int)data["all"]!["totalCount"]!);
        Assert.True((int)data["all"]!["totalCount"]! >= 30);
        var contests = data["contests"]!["nodes"]!.AsArray();
        Assert.True(contests.Count >= 5);
        Assert.All(contests, n => Assert.Equal("EVENT", (string?)n!["kind"]));
        var starts = data["in2025"]!["nodes"]!.AsArray().Select(n => (string?)n!["start"]!["text"]).ToList();
        Assert.Contains("2025-07", starts);
        Assert.All(starts, s => Assert.StartsWith("2025", s, StringComparison.Ordinal));
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
        Assert.Contains(data["corpus"]!["kinds"]!.AsArray(), k => (string?)k!["kind"] == "EVENT" && (int)k["count"]! == graph.OfKind(EntityKind.Event).Count);
        Assert.All(new[] { "HELD_IN", "ORGANIZED_BY", "PRODUCED" }, t => Assert.Contains(data["corpus"]!["relationTypes"]!.AsArray(), r => (string?)r!["type"] == t && (int)r["count"]! > 0));
    }

    [Theory]
    [InlineData("""{ entities(filter: { eventType: [PARTY] }) { totalCount } }""")]
    [InlineData("""{ entity(key: "events/double-11") { ... on Event { place(first: 1) { key } } } }""")]
    [InlineData("""{ entity(key: "events/double-11") { ... on Event { organizersConnection(first: -1) { totalCount } } } }""")]
    public async Task Bad_event_queries_are_errors_not_crashes(string query)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.True(status is 200 or (>= 400 and < 500), $"{status}");
        Assert.NotEmpty(body["errors"]!.AsArray());
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];
}
