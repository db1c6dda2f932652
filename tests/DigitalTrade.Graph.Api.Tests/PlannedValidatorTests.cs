using System.Text.Json;
using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Schema;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The planned validator (a validated document's walks done once per operation) must give what GraphQL.NET's own
/// validator gives for the same document and variables: validity, every error (message, code, place), every
/// variable's value and every field's argument values — for literals, variables, defaults, lists, input objects,
/// fragments (also spread twice), inline fragments on interfaces and unions, meta fields, and bad variables.
/// </summary>
public sealed class PlannedValidatorTests
{
    private static readonly ISchema Schema = GraphSchemaFactory.Create();

    public static TheoryData<string, string> Cases => new()
    {
        { """{ entity(key: "agreements/depa") { key } }""", "{}" },
        { """query($k: String!) { entity(key: $k) { key ... on Agreement { parties(first: 3) { key } } } }""", """{"k":"agreements/rcep"}""" },
        { """query($k: String!) { entity(key: $k) { key } }""", "{}" },
        { """query($k: String!) { entity(key: $k) { key } }""", """{"k":42}""" },
        { """query($k: String!) { entity(key: $k) { key } }""", """{"k":null}""" },
        { """query($n: Int = 5) { entities(first: $n) { totalCount } }""", "{}" },
        { """query($n: Int = 5) { entities(first: $n) { totalCount } }""", """{"n":7}""" },
        { """query($n: Int) { entities(first: $n) { totalCount } }""", """{"n":"seven"}""" },
        { """query($kinds: [EntityKind!]) { entities(kinds: $kinds, first: 2) { edges { node { key } } } }""", """{"kinds":["AGREEMENT","POLICY"]}""" },
        { """query($kinds: [EntityKind!]) { entities(kinds: $kinds) { totalCount } }""", """{"kinds":["NOT_A_KIND"]}""" },
        { """query($kinds: [EntityKind!]) { entities(kinds: $kinds) { totalCount } }""", """{"kinds":"AGREEMENT"}""" },
        { """query($f: EntityFilter) { entities(filter: $f) { totalCount } }""", """{"f":{"agreementType":["REGIONAL"],"relatedTo":{"key":"economies/china"}}}""" },
        { """query($f: EntityFilter) { entities(filter: $f) { totalCount } }""", """{"f":{"relatedTo":{}}}""" },
        { """query($f: EntityFilter) { entities(filter: $f) { totalCount } }""", """{"f":{"nope":1}}""" },
        { """query($k: String!) { entities(filter: { relatedTo: { key: $k, direction: OUT } }, first: 3) { totalCount } }""", """{"k":"agreements/depa"}""" },
        { """query($names: [String!]!) { resolve(names: $names) { input } }""", """{"names":["DEPA","海南"]}""" },
        { """query($names: [String!]!) { resolve(names: $names) { input } }""", """{"names":["DEPA",null]}""" },
        {
            """
            query Q($k: String!, $d: Int) {
              a: neighborhood(key: $k, depth: $d) { nodes { ...N } }
              b: neighborhood(key: $k, depth: 1, limit: 5) { nodes { ...N } }
            }
            fragment N on Entity { key ... on Agreement { parties(first: 2) { key } } ... on Node { id } }
            """,
            """{"k":"agreements/depa","d":2}"""
        },
        { """query($k: String!) { node(id: $k) { id ... on Entity { key } } __type(name: "Entity") { name } }""", """{"k":"QWdyZWVtZW50OmFncmVlbWVudHMvZGVwYQ=="}""" },
        { """query($q: String!) { search(query: $q, first: 3) { edges { node { key } } } }""", """{"q":"数据跨境"}""" },
        { """query($k: String! = "agreements/depa") { entity(key: $k) { key } }""", "{}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Gives_what_GraphQL_NET_gives(string query, string variablesJson)
    {
        var document = Parser.Parse(query);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().First();
        var inputs = new GraphQLSerializer().Deserialize<Inputs>(variablesJson) ?? Inputs.Empty;
        var planned = new PlannedDocumentValidator(new DocumentValidator());

        var expected = Describe(await new DocumentValidator().ValidateAsync(Options(document, operation, inputs)));
        var first = Describe(await planned.ValidateAsync(Options(document, operation, inputs)));
        var second = Describe(await planned.ValidateAsync(Options(document, operation, inputs)));

        Assert.Equal(expected, first);
        Assert.Equal(expected, second); // from the plan and a pooled context
    }

    [Fact]
    public async Task Concurrent_requests_on_one_plan_each_get_their_own_variables()
    {
        var document = Parser.Parse("""query($k: String!, $n: Int) { entity(key: $k) { key } entities(first: $n) { totalCount } }""");
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().First();
        var planned = new PlannedDocumentValidator(new DocumentValidator());

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var inputs = new Inputs(new Dictionary<string, object?> { ["k"] = $"key-{i}", ["n"] = i });
            var result = await planned.ValidateAsync(Options(document, operation, inputs));
            return (i, result);
        })));

        foreach (var (i, result) in results)
        {
            Assert.True(result.IsValid);
            Assert.Equal($"key-{i}", result.Variables!.ValueFor("k"));
            Assert.Equal(i, result.Variables!.ValueFor("n"));
        }
    }

    [Fact]
    public async Task Rules_directives_and_other_documents_go_to_the_inner_validator()
    {
        var counting = new CountingValidator();
        var planned = new PlannedDocumentValidator(counting);
        var plain = Parser.Parse("""query($k: String!) { entity(key: $k) { key } }""");
        var directive = Parser.Parse("""query($k: String!, $x: Boolean!) { entity(key: $k) { key name @include(if: $x) { en } } }""");
        var inputs = new Inputs(new Dictionary<string, object?> { ["k"] = "agreements/depa", ["x"] = true });

        await planned.ValidateAsync(Options(plain, Operation(plain), inputs) with { Rules = null });
        Assert.Equal(1, counting.Calls); // core rules to run

        await planned.ValidateAsync(Options(plain, Operation(plain), inputs) with { Rules = [NoIntrospection.Instance] });
        Assert.Equal(2, counting.Calls);

        await planned.ValidateAsync(Options(directive, Operation(directive), inputs));
        Assert.Equal(3, counting.Calls); // directives are not planned

        await planned.ValidateAsync(Options(plain, Operation(plain), inputs) with { Rules = [QueriesOnlyOverGet.Instance] });
        Assert.Equal(3, counting.Calls); // a query over GET passes the GET rule: planned

        await planned.ValidateAsync(Options(plain, Operation(plain), inputs));
        Assert.Equal(3, counting.Calls);
    }

    private static GraphQLOperationDefinition Operation(GraphQLDocument document) => document.Definitions.OfType<GraphQLOperationDefinition>().First();

    private static ValidationOptions Options(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs inputs) => new()
    {
        Schema = Schema,
        Document = document,
        Operation = operation,
        Rules = [],
        Variables = inputs,
        Extensions = Inputs.Empty,
        UserContext = new Dictionary<string, object?>(),
        Metrics = GraphQL.Instrumentation.Metrics.None,
    };

    /// <summary>Everything execution reads from a validation result, as text.</summary>
    private static string Describe(IValidationResult result)
    {
        var errors = result.Errors.Select(e => $"{e.Code}|{e.Message}|{string.Join(",", e.Locations?.Select(l => $"{l.Line}:{l.Column}") ?? [])}");
        var variables = (result.Variables ?? Variables.None).Select(v => $"{v.Name}={Json(v.Value)} default={v.IsDefault} set={v.ValueSpecified}");
        var arguments = (result.ArgumentValues ?? new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>().AsReadOnly())
            .OrderBy(a => a.Key.Location.Start)
            .Select(a => $"{a.Key.Location.Start}:{a.Key.Name.StringValue}({string.Join(", ", a.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Json(v.Value.Value)}/{v.Value.Source}"))})");
        return $"valid={result.IsValid}\nerrors:\n{string.Join("\n", errors)}\nvariables:\n{string.Join("\n", variables)}\narguments:\n{string.Join("\n", arguments)}";
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private sealed class CountingValidator : IDocumentValidator
    {
        private readonly DocumentValidator _inner = new();

        public int Calls { get; private set; }

        public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
        {
            Calls++;
            return _inner.ValidateAsync(options);
        }
    }
}
