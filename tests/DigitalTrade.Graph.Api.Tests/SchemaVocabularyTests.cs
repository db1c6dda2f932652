using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>A schema that explains itself: the closed vocabularies are enums equal to the model's, and every type,
/// field, argument, input field and enum value of the served schema has a description.</summary>
public sealed class SchemaVocabularyTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    private ISchema Schema => api.Services.GetRequiredService<ISchema>();

    /// <summary>Every facet of the model is an enum of the same values (upper case), a field on its kind and a filter.</summary>
    [Fact]
    public void Every_vocabulary_is_an_enum_with_exactly_its_values()
    {
        Assert.NotEmpty(Vocabulary.Facets);
        foreach (var facet in Vocabulary.Facets)
        {
            var typeName = facet.Kind.Info().TypeName;
            var field = char.ToLowerInvariant(typeName[0]) + typeName[1..] + char.ToUpperInvariant(facet.Field[0]) + facet.Field[1..];
            var enumName = typeName + char.ToUpperInvariant(facet.Field[0]) + facet.Field[1..];

            var type = Assert.IsAssignableFrom<EnumerationGraphType>(Schema.AllTypes[enumName]);
            Assert.Equal(facet.Values.Select(v => v.ToUpperInvariant()), type.Values.Select(v => v.Name));
            Assert.All(facet.Values, v => Assert.Equal(v, v.ToUpperInvariant().ToLowerInvariant()));
            Assert.Equal(enumName, ((IComplexGraphType)Schema.AllTypes[typeName]!).GetField(field)!.ResolvedType!.GetNamedType().Name);
            foreach (var input in new[] { "EntityFilter", "LinkFilter" })
            {
                Assert.Equal(enumName, ((IInputObjectGraphType)Schema.AllTypes[input]!).GetField(field)!.ResolvedType!.GetNamedType().Name);
            }
        }

        var qualifiers = Assert.IsAssignableFrom<EnumerationGraphType>(Schema.AllTypes["FigureQualifier"]);
        Assert.Equal(Vocabulary.Qualifiers.Select(v => v.ToUpperInvariant()), qualifiers.Values.Select(v => v.Name));
        var kinds = Assert.IsAssignableFrom<EnumerationGraphType>(Schema.AllTypes["EntityKind"]);
        Assert.Equal(EntityKinds.All.Select(k => k.EnumValue), kinds.Values.Select(v => v.Name));
        var relationTypes = Assert.IsAssignableFrom<EnumerationGraphType>(Schema.AllTypes["RelationType"]);
        Assert.Equal(RelationTypes.All.Select(t => t.Name), relationTypes.Values.Select(v => v.Name));
    }

    /// <summary>The enum fields say what the deprecated strings say, for every shipped entity that has a facet.</summary>
    [Fact]
    public async Task Enum_fields_agree_with_the_deprecated_strings_on_every_entity()
    {
        const string Query = """
            query($after: String) { a: entities(kinds: [AGREEMENT, POLICY, ORGANIZATION, ECONOMY, PROVINCE, ZONE, CASE], first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { key ...F } } }
            fragment F on Entity {
              ... on Agreement { agreementType agreementStatus type status }
              ... on Policy { policyLevel policyType policyStatus level pType: type pStatus: status }
              ... on Organization { organizationType oType: type }
              ... on Economy { economyType eType: type }
              ... on Province { provinceType prType: type }
              ... on Zone { zoneType zType: type }
              ... on Case { caseTheme theme }
            }
            """;
        var pairs = new[]
        {
            ("agreementType", "type"), ("agreementStatus", "status"), ("policyLevel", "level"), ("policyType", "pType"), ("policyStatus", "pStatus"),
            ("organizationType", "oType"), ("economyType", "eType"), ("provinceType", "prType"), ("zoneType", "zType"), ("caseTheme", "theme"),
        };
        var compared = 0;
        string? after = null;
        do
        {
            var data = await api.QueryAsync(Query, new { after });
            foreach (var node in data["a"]!["nodes"]!.AsArray())
            {
                foreach (var (enumField, stringField) in pairs.Where(p => node!.AsObject().ContainsKey(p.Item1)))
                {
                    Assert.Equal(((string?)node![stringField])?.ToUpperInvariant(), (string?)node[enumField]);
                    compared += node[enumField] is null ? 0 : 1;
                }
            }

            after = (bool)data["a"]!["pageInfo"]!["hasNextPage"]! ? (string?)data["a"]!["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.True(compared > 250, $"{compared} values compared");
    }

    /// <summary>Each enum filter finds exactly the entities with that value.</summary>
    [Fact]
    public async Task Enum_filters_find_exactly_the_entities_with_the_value()
    {
        var graph = api.Services.GetRequiredService<DigitalTrade.Graph.Stores.Embedded.EmbeddedGraphStore>().Current!;
        foreach (var facet in Vocabulary.Facets)
        {
            var typeName = facet.Kind.Info().TypeName;
            var field = char.ToLowerInvariant(typeName[0]) + typeName[1..] + char.ToUpperInvariant(facet.Field[0]) + facet.Field[1..];
            foreach (var value in facet.Values)
            {
                var data = await api.QueryAsync($"{{ entities(filter: {{ {field}: [{value.ToUpperInvariant()}] }}, first: 100) {{ totalCount nodes {{ key }} }} }}");
                var expected = graph.OfKind(facet.Kind).Where(e => facet.ValueOf(e) == value).Select(e => e.Key).ToList();
                Assert.Equal(expected, data["entities"]!["nodes"]!.AsArray().Select(n => (string?)n!["key"]));
            }
        }
    }

    [Fact]
    public async Task Contradicting_facets_match_nothing_and_facets_of_one_kind_combine()
    {
        var data = await api.QueryAsync("""
            {
              none: entities(filter: { agreementStatus: [IN_FORCE], policyStatus: [IN_FORCE] }) { totalCount }
              wrongKind: entities(kinds: [CASE], filter: { policyLevel: [NATIONAL] }) { totalCount }
              both: entities(filter: { policyLevel: [PROVINCIAL], policyStatus: [PILOT] }) { totalCount nodes { ... on Policy { policyLevel policyStatus } } }
            }
            """);

        Assert.Equal(0, (int)data["none"]!["totalCount"]!);
        Assert.Equal(0, (int)data["wrongKind"]!["totalCount"]!);
        Assert.True((int)data["both"]!["totalCount"]! > 0);
        Assert.All(data["both"]!["nodes"]!.AsArray(), n => Assert.Equal(("PROVINCIAL", "PILOT"), ((string?)n!["policyLevel"], (string?)n["policyStatus"])));
    }

    /// <summary>100%: every type, field, argument, input field and enum value of the served schema says what it is.</summary>
    [Fact]
    public void Every_element_of_the_served_schema_has_a_description()
    {
        var missing = new List<string>();
        var counted = 0;
        void Check(string? description, string what)
        {
            counted++;
            if (string.IsNullOrWhiteSpace(description))
            {
                missing.Add(what);
            }
        }

        foreach (var type in Schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t is not ScalarGraphType))
        {
            Check(type.Description, type.Name);
            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    Check(field.Description, $"{type.Name}.{field.Name}");
                    foreach (var argument in field.Arguments ?? [])
                    {
                        Check(argument.Description, $"{type.Name}.{field.Name}({argument.Name})");
                    }
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                foreach (var value in enumeration.Values)
                {
                    Check(value.Description, $"{type.Name}.{value.Name}");
                }
            }
        }

        Assert.True(counted > 600, $"{counted} elements");
        Assert.True(missing.Count == 0, $"{missing.Count} of {counted} without a description: {string.Join(", ", missing)}");
    }
}
