using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Property-based attacks on the endpoint: random and mutated documents, variables and raw bodies
/// never produce a 500, a hang or a stack trace, and every answer is a GraphQL-over-HTTP response.
/// </summary>
public sealed class FuzzTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "(", ")", ":", "[", "]", "!", "=", ",", "...", "@include(if: true)", "@skip(if: $b)", "$x", "$k",
        "query", "mutation", "subscription", "fragment F on Agreement", "on", "Agreement", "Economy", "Entity",
        "entity", "entities", "key", "name", "zh", "en", "relations", "edges", "node", "parties", "neighborhood", "paths", "search",
        "first: 5", "first: -1", "first: 100000", "after: \"x\"", "depth: 9", "maxHops: 99", "key: \"agreements/depa\"", "key: null",
        "query: \"数据\"", "__schema", "__type(name: \"Entity\")", "__typename", "\"", "\"\"\"", "#", "1e999", "-0", "\\u0000", "中文", "\u202e", "\n",
    ];

    [Fact]
    public void Random_documents_get_spec_answers()
    {
        var documents = Gen.Elements(Vocabulary).ListOf().Select(tokens => string.Join(' ', tokens));
        Prop.ForAll(documents.ToArbitrary(), document => Answers(JsonSerializer.Serialize(new { query = document })))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Mutated_valid_documents_get_spec_answers()
    {
        const string Valid = "query Q($k: String!, $n: Int) { entity(key: $k) { key name { zh en } ... on Agreement { parties { key } } relations(first: $n) { edges { type node { key } } } } }";
        var mutated =
            from position in Gen.Choose(0, Valid.Length - 1)
            from length in Gen.Choose(0, 12)
            from insert in Gen.Elements(Vocabulary)
            select Valid[..position] + insert + Valid[Math.Min(Valid.Length, position + length)..];
        var variables = Gen.Elements<object?>(null, new { k = "agreements/depa", n = 3 }, new { k = 7, n = "x" }, new { n = 1_000_000 }, new { k = new[] { 1 } });
        Prop.ForAll(mutated.ToArbitrary(), variables.ToArbitrary(), (document, vars) => Answers(JsonSerializer.Serialize(new { query = document, variables = vars })))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Deeply_nested_documents_are_refused_not_recursed()
    {
        Prop.ForAll(Gen.Choose(1, 3000).ToArbitrary(), depth =>
            Answers(JsonSerializer.Serialize(new { query = string.Concat(Enumerable.Repeat("{ entity(key: \"agreements/depa\") ", depth)) + string.Concat(Enumerable.Repeat("}", depth)) })))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(200)]
    [InlineData(600)]
    public async Task Nesting_past_the_parser_or_the_depth_limit_is_a_422_limit_error(int depth)
    {
        var (status, body) = await api.PostAsync(string.Concat(Enumerable.Repeat("{ entity(key: \"agreements/depa\") ", depth)) + string.Concat(Enumerable.Repeat("}", depth)));

        Assert.Equal(422, status);
        Assert.Equal("LIMIT_EXCEEDED", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public void Raw_bodies_of_any_shape_get_spec_answers()
    {
        var fragments = Gen.Elements("{", "}", "[", "]", "\"query\"", ":", ",", "null", "true", "12", "\"{ corpus { version } }\"", "\"variables\"", "{}", "\"\\ud800\"", "\u0000", "中");
        var bodies = Gen.OneOf(
            fragments.ListOf().Select(parts => string.Concat(parts)),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty));
        Prop.ForAll(bodies.ToArbitrary(), body => Answers(body)).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private bool Answers(string body) => SpecAnswers.Check(api, Encoding.UTF8.GetBytes(body));
}
