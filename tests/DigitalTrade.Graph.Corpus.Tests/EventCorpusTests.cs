using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>Event files: their span, their places and organizers, checked with precise diagnostics; every problem of a bad event at once.</summary>
public sealed class EventCorpusTests
{
    private const string Forum = """
        ---
        kind: event
        name:
          zh: 数字贸易论坛
          en: Digital Trade Forum
        type: forum
        summary:
          zh: 摘要。
          en: Summary.
        dates:
          start: 2025-07-02
          end: 2025-07-03
        relations:
          HELD_IN: provinces/zhejiang
          ORGANIZED_BY: [economies/china]
          INVOLVES:
            - target: economies/singapore
              role: participant
          PRODUCED: agreements/depa
        sources:
          - section: "综述篇"
        ---
        ::: zh
        在[浙江](../provinces/zhejiang.md)举行。
        :::

        ::: en
        Held in [Zhejiang](../provinces/zhejiang.md).
        :::
        """;

    [Fact]
    public void A_valid_event_loads_with_its_span_places_organizers_participants_and_outcomes()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("events/digital-trade-forum.md", Forum);

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        var graph = result.Snapshot!;
        var forum = graph.Find("events/digital-trade-forum")!;
        Assert.Equal((EntityKind.Event, "forum"), (forum.Kind, forum.Category));
        Assert.Equal(("2025-07-02", "2025-07-03"), (forum.DateOf("start").ToString(), forum.DateOf("end").ToString()));
        var outgoing = graph.EdgesOf(forum.Key).Where(e => e.Direction == RelationDirection.Outgoing).Select(e => $"{e.Relation.Type.Info().Name} {e.OtherKey}").Order().ToList();
        Assert.Equal(
            ["HELD_IN provinces/zhejiang", "INVOLVES economies/singapore", "MENTIONS provinces/zhejiang", "ORGANIZED_BY economies/china", "PRODUCED agreements/depa"],
            outgoing);
    }

    [Fact]
    public void A_bad_event_gets_every_problem_at_its_position()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("events/bad-forum.md", """
            ---
            kind: event
            name:
              zh: 坏论坛
              en: Bad Forum
            type: party
            summary:
              zh: 摘要。
              en: Summary.
            dates:
              start: 2025-07
              end: 2025-06-30
              held: 2025
            relations:
              HELD_IN: agreements/depa
              ORGANIZED_BY: [organizations/mofcomm, economies/china]
              PRODUCED: provinces/zhejiang
              LOCATED_IN: provinces/zhejiang
            sources:
              - section: "综述篇"
            ---
            ::: zh
            正文。
            :::

            ::: en
            Body.
            :::
            """);

        var result = corpus.Load();

        Assert.Equal(
            [
                "graph-seed/events/bad-forum.md(6,7): error DTG015: 'party' is not a valid type for a event (allowed: summit, meeting, forum, conference, seminar, expo, competition, training, matchmaking, ceremony, press_conference, festival)",
                "graph-seed/events/bad-forum.md(12,8): error DTG010: 'dates.end' 2025-06-30 is before 'dates.start' 2025-07",
                "graph-seed/events/bad-forum.md(13,3): error DTG004: unknown field 'held' in 'dates' (allowed: start, end)",
                "graph-seed/events/bad-forum.md(15,12): error DTG013: a event cannot be HELD_IN a agreement ('agreements/depa'); HELD_IN goes from event to economy/province/city/zone/base",
                "graph-seed/events/bad-forum.md(16,18): error DTG012: relation target 'organizations/mofcomm' does not exist",
                "graph-seed/events/bad-forum.md(17,13): error DTG013: a event cannot be PRODUCED a province ('provinces/zhejiang'); PRODUCED goes from event to agreement/policy",
                "graph-seed/events/bad-forum.md(18,15): error DTG013: a event cannot be LOCATED_IN a province ('provinces/zhejiang'); LOCATED_IN goes from city/zone/base/case/organization/province to province/city/zone/economy",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Snapshot);
    }

    [Theory]
    [InlineData("end: 2025-07", "(8,8): error DTG005: 'dates.end' needs 'dates.start': an event's span begins with its start")]
    [InlineData("start: 2025-07-10\n  end: 2025-07-09", "(9,8): error DTG010: 'dates.end' 2025-07-09 is before 'dates.start' 2025-07-10")]
    [InlineData("start: 2025\n  end: 2024-12", "(9,8): error DTG010: 'dates.end' 2024-12 is before 'dates.start' 2025")]
    public void An_end_needs_a_start_and_may_not_precede_it(string dates, string expected)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("events/span.md", TestCorpus.Entity("event", "跨度", "Span", "type: meeting\ndates:\n  " + dates, "", "正文。"));

        var result = corpus.Load();

        Assert.Equal(["graph-seed/events/span.md" + expected], result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("start: 2025-07", "end: 2025-07-31")]
    [InlineData("start: 2025-07-31", "end: 2025-07")]
    [InlineData("start: 2025", "end: 2025-01-01")]
    [InlineData("start: 2025-07", "")]
    public void Partial_dates_that_can_overlap_are_a_valid_span(string start, string end)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("events/span.md", TestCorpus.Entity("event", "跨度", "Span", $"type: meeting\ndates:\n  {start}\n  {end}", "", "正文。"));

        Assert.Empty(corpus.Load().Diagnostics);
    }

    [Fact]
    public void The_template_for_an_event_validates_and_lists_its_relations()
    {
        using var corpus = TestCorpus.Valid();
        var template = EntityTemplates.Create(EntityKind.Event, "new-forum");
        corpus.Write("events/new-forum.md", template);

        var result = corpus.Load();

        Assert.Contains("#   HELD_IN: [economies/…, provinces/…, cities/…, zones/…, bases/…]", template, StringComparison.Ordinal);
        Assert.Contains("#   ORGANIZED_BY:", template, StringComparison.Ordinal);
        Assert.Contains("# dates:        # any of start, end;", template, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Contains(result.Diagnostics, d => d.Code == "DTG022");
    }
}
