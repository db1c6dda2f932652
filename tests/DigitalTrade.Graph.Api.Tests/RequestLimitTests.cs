using System.Diagnostics;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Schema;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The limit analysis on its own (no host): the issue-11 attacks against it, with time bounds
/// generous enough for a loaded CI machine (idle, each of these takes well under a millisecond;
/// before the fix a 26-level bomb took 24 s and a 40-level one never finished).
/// </summary>
public sealed class RequestLimitTests
{
    private static readonly ISchema Schema = GraphSchemaFactory.Create();

    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(1);

    /// <summary>Text limits out of the way, so the attacks reach the analysis of the parsed document.</summary>
    private static GraphApiOptions Unbounded => new() { MaxTokens = 100_000, MaxDocumentLength = 100_000 };

    [Theory]
    [InlineData(26, 2)]
    [InlineData(40, 2)]
    [InlineData(200, 2)]
    [InlineData(60, 4)]
    public void Fragment_bombs_are_refused_at_the_cost_limit_in_well_under_a_second(int levels, int width)
    {
        var document = AttackFuzzTests.Bomb(levels, width, "__typename", cycleAt: -1, inline: false);

        var (violation, elapsed) = Check(document, Unbounded);

        Assert.Equal("cost", violation?.Limit);
        Assert.True(elapsed < Quickly, $"{elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_bomb_of_inline_fragments_is_refused_as_quickly()
    {
        var (violation, elapsed) = Check(AttackFuzzTests.Bomb(40, 2, "corpus { version }", cycleAt: -1, inline: true), Unbounded);

        Assert.Equal("cost", violation?.Limit);
        Assert.True(elapsed < Quickly, $"{elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Wide_and_deep_fragments_are_summarised_once_each()
    {
        // 12 fragments, each selecting 30 fields and spreading the next twice: 2^12 expansions of 30 fields.
        var fields = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"f{i}: __typename"));
        var fragments = string.Concat(Enumerable.Range(0, 12).Select(i => $"fragment F{i} on Query {{ {fields} ...F{i + 1} ...F{i + 1} }} "));
        var document = "{ ...F0 } " + fragments + "fragment F12 on Query { __typename }";

        var (violation, elapsed) = Check(document, Unbounded);

        Assert.Equal("alias", violation?.Limit);
        Assert.True(elapsed < Quickly, $"{elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Many_spreads_of_one_fragment_add_up_without_being_walked_again()
    {
        var document = "{ " + string.Concat(Enumerable.Repeat("...F ", 5000)) + "} fragment F on Query { entities(first: 100) { nodes { key } } }";

        var (violation, elapsed) = Check(document, Unbounded);

        Assert.Equal("cost", violation?.Limit);
        Assert.True(elapsed < Quickly, $"{elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")]
    [InlineData("{ ...A } fragment A on Query { __typename ...A ...A }")]
    [InlineData("{ ...A } fragment A on Query { ... on Query { ...B } } fragment B on Query { corpus { version } ...A }")]
    public void Fragment_cycles_end_the_analysis_and_are_left_to_validation(string document)
    {
        var (violation, elapsed) = Check(document);

        Assert.Null(violation);
        Assert.True(elapsed < Quickly, $"{elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void The_analysis_honours_cancellation()
    {
        var document = Parser.Parse("{ " + string.Join(' ', Enumerable.Range(0, 600).Select(i => $"a{i}: __typename")) + " }");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var limits = new RequestLimits(new GraphApiOptions { MaxAliases = 10_000 }, Schema);

        Assert.Throws<OperationCanceledException>(() => limits.CheckDocument(document, null, null, cancelled.Token));
    }

    [Fact]
    public void Ids_are_costed_by_how_many_there_are_and_capped()
    {
        var ids = Enumerable.Range(0, 1500).Select(i => (object?)$"id{i}").ToList();
        const string Query = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { narrative { html } } } }";

        var (tooMany, _) = Check(Query, variables: new Inputs(new Dictionary<string, object?> { ["ids"] = ids }));
        var (hundred, _) = Check(Query, variables: new Inputs(new Dictionary<string, object?> { ["ids"] = ids.Take(100).ToList() }));
        var (amplified, _) = Check("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { relations(first: 100) { edges { node { key name { zh en } narrative { html } } } } } } }",
            variables: new Inputs(new Dictionary<string, object?> { ["ids"] = ids.Take(100).ToList() }));

        Assert.Equal(("list argument length", 1500L, 100L), (tooMany?.Limit, tooMany?.Value, tooMany?.Maximum));
        Assert.Null(hundred);
        Assert.Equal("cost", amplified?.Limit);
    }

    [Fact]
    public void List_literals_in_input_objects_count_too()
    {
        var statuses = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"s{i}\""));

        var (violation, _) = Check($"{{ entities(filter: {{ status: [{statuses}] }}) {{ totalCount }} }}");

        Assert.Equal(("list argument length", 101L), (violation?.Limit, violation?.Value));
    }

    [Theory]
    [InlineData("graphql-js-16.15.0-introspection.graphql")]
    [InlineData("graphql-js-16.15.0-introspection-all-options.graphql")]
    [InlineData("gql-4.0.0-default-introspection.graphql")]
    public void The_introspection_queries_clients_send_fit_the_default_limits_with_room(string file)
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "DigitalTrade.Graph.Api.Tests", "Fixtures", file));

        var (violation, _) = Check(document);
        var (underHalf, _) = Check(document, new GraphApiOptions { MaxCost = new GraphApiOptions().MaxCost / 2 });

        Assert.Null(violation);
        Assert.Null(underHalf); // room for the schema to grow (it did by a third with the enums and link connections)
    }

    [Fact]
    public void Introspection_that_nests_lists_to_amplify_is_refused_by_cost()
    {
        var (violation, _) = Check("{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }");

        Assert.Equal("cost", violation?.Limit);
    }

    [Fact]
    public void Type_references_have_their_own_cap_and_count_as_depth_without_introspection()
    {
        string Chain(int levels) => "{ __type(name: \"Entity\") { " + string.Concat(Enumerable.Repeat("ofType { ", levels)) + "name" + new string('}', levels) + " } }";

        var (twenty, _) = Check(Chain(20));
        var (deeper, _) = Check(Chain(21));
        var (off, _) = Check(Chain(12), new GraphApiOptions { Introspection = false });

        Assert.Null(twenty);
        Assert.Equal(("introspection depth", 21L, 20L), (deeper?.Limit, deeper?.Value, deeper?.Maximum));
        Assert.Equal("depth", off?.Limit);
    }

    private static (LimitViolation? Violation, TimeSpan Elapsed) Check(string query, GraphApiOptions? options = null, Inputs? variables = null)
    {
        options ??= new GraphApiOptions();
        var limits = new RequestLimits(options, Schema);
        var clock = Stopwatch.StartNew();
        var violation = limits.CheckText(query)
            ?? limits.CheckDocument(Parser.Parse(query, new ParserOptions { MaxDepth = 256 }), null, variables, TestContext.Current.CancellationToken);
        return (violation, clock.Elapsed);
    }
}
