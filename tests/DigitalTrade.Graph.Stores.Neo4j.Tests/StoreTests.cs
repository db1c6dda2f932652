using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>The store's reads through the fake Query API: one statement per batch, answers mapped as the embedded store gives them.</summary>
public sealed class StoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Entity Depa = new(
        "agreements/depa", EntityKind.Agreement, new LocalizedText("数字经济伙伴关系协定", "Digital Economy Partnership Agreement"), ["DEPA"],
        new LocalizedText("新加坡、智利、新西兰发起。", "Started by Singapore, Chile and New Zealand."), new Narrative("**DEPA**", "<p><strong>DEPA</strong></p>", "DEPA"),
        [new DatedEvent("signed", new PartialDate(2020, 6, 12))],
        [new Figure(new LocalizedText("成员", "members"), "4", null, "2024", null, new SourceRef("一、", "表1"))],
        [new SourceRef("第二章")])
    {
        Status = "in-force",
        Category = "plurilateral",
    };

    private static async Task<IGraphView> OpenAsync(FakeQueryApi api) =>
        await new Neo4jGraphStore(api.Client(), Options.Create(FakeQueryApi.TestOptions()), TimeProvider.System, new ListLogger<Neo4jGraphStore>()).OpenViewAsync(Token);

    private static HttpResponseMessage Version() => FakeQueryApi.Result(["version", "createdAt"], ["v42", "2025-01-02T03:04:05+00:00"]);

    [Fact]
    public async Task A_view_reads_the_seeded_version_and_a_store_without_one_is_not_ready()
    {
        var view = await OpenAsync(new FakeQueryApi(_ => Version()));
        Assert.Equal("v42", view.Version);

        var empty = new FakeQueryApi(_ => FakeQueryApi.Result(["version", "createdAt"], new object?[] { null, null }));
        var store = new Neo4jGraphStore(empty.Client(), Options.Create(FakeQueryApi.TestOptions()), TimeProvider.System, new ListLogger<Neo4jGraphStore>());
        Assert.False((await store.GetStatusAsync(Token)).Ready);
    }

    [Fact]
    public async Task Readyz_status_is_false_with_a_clear_reason_while_Neo4j_is_unreachable_and_true_when_it_returns()
    {
        var up = false;
        var api = new FakeQueryApi(_ => up ? Version() : throw new HttpRequestException("Connection refused"));
        var options = FakeQueryApi.TestOptions();
        options.ReadRetries = 0;
        var store = new Neo4jGraphStore(api.Client(options), Options.Create(options), TimeProvider.System, new ListLogger<Neo4jGraphStore>());

        var down = await store.GetStatusAsync(Token);
        up = true;
        var back = await store.GetStatusAsync(Token);

        Assert.False(down.Ready);
        Assert.Contains("not answering", down.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Password!, down.Description, StringComparison.Ordinal);
        Assert.True(back.Ready);
        Assert.Contains("v42", back.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_entities_cost_one_statement_in_key_order_with_null_for_missing_keys()
    {
        var api = new FakeQueryApi(r => r.Statement == CypherStatements.ReadVersion
            ? Version()
            : FakeQueryApi.Result(["key", "doc"], ["agreements/depa", EntityRows.Serialize(Depa)], ["cases/nothing", null]));
        var view = await OpenAsync(api);
        var keys = Enumerable.Range(0, 50).Select(i => $"cases/c{i}").Append("cases/nothing").Prepend("agreements/depa").ToList();

        var entities = await view.GetEntitiesAsync(keys, Token);

        var request = Assert.Single(api.Requests, r => r.Statement == CypherStatements.GetEntities);
        Assert.Equal(52, request.Parameter("keys")!.AsArray().Count);
        Assert.Equal(52, entities.Count);
        Assert.Equal(EntityRows.Serialize(Depa), EntityRows.Serialize(entities[0]!));
        Assert.All(entities.Skip(1), Assert.Null);
    }

    [Fact]
    public async Task Relation_pages_for_many_keys_cost_one_statement_and_carry_embedded_style_cursors()
    {
        var edge = new JsonObject
        {
            ["typeRank"] = (int)RelationType.PartyTo,
            ["type"] = "PARTY_TO",
            ["direction"] = 1,
            ["other"] = "economies/chile",
            ["from"] = "economies/chile",
            ["to"] = "agreements/depa",
            ["properties"] = new JsonObject { ["origin"] = "FrontMatter", ["date"] = "2020-06" },
        };
        var api = new FakeQueryApi(r => r.Statement == CypherStatements.ReadVersion
            ? Version()
            : FakeQueryApi.Result(["key", "total", "skipped", "page"], ["agreements/depa", 5, 1, new JsonArray(edge)]));
        var view = await OpenAsync(api);
        var after = Cursors.Encode("relation", $"{(int)RelationType.PartyTo}:1:economies/brunei");

        var pages = await view.GetRelationsAsync(
            ["agreements/depa", "agreements/rcep"],
            new RelationFilter(new HashSet<RelationType> { RelationType.PartyTo }, RelationDirection.Incoming, new HashSet<EntityKind> { EntityKind.Economy }),
            new PageRequest(1, after),
            Token);

        var request = Assert.Single(api.Requests, r => r.Statement == CypherStatements.GetRelations);
        Assert.Equal(["PARTY_TO"], request.Parameter("types")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["economy"], request.Parameter("kinds")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(1, request.Parameter("direction")!.GetValue<int>());
        Assert.Equal("economies/brunei", request.Parameter("afterOther")!.GetValue<string>());
        Assert.Equal(1, request.Parameter("first")!.GetValue<int>());

        var depa = pages[0];
        var item = Assert.Single(depa.Items);
        Assert.Equal((5, true, true), (depa.TotalCount, depa.HasNextPage, depa.HasPreviousPage));
        Assert.Equal(RelationDirection.Incoming, item.Node.Direction);
        Assert.Equal(new PartialDate(2020, 6, null), item.Node.Relation.Properties.Date);
        Assert.Equal(Cursors.Encode("relation", $"{(int)RelationType.PartyTo}:1:economies/chile"), item.Cursor);
        Assert.Same(Page<RelationEdge>.Empty, pages[1]);
    }

    [Fact]
    public async Task A_cursor_of_another_connection_is_refused_before_any_statement()
    {
        var api = new FakeQueryApi(_ => Version());
        var view = await OpenAsync(api);

        var error = await Assert.ThrowsAsync<GraphQueryException>(() => view.GetRelationsAsync(["agreements/depa"], RelationFilter.All, new PageRequest(5, Cursors.Encode("entity", "x")), Token));

        Assert.Equal("INVALID_CURSOR", error.Code);
        Assert.DoesNotContain(api.Requests, r => r.Statement == CypherStatements.GetRelations);
    }

    [Fact]
    public async Task Listing_orders_latest_first_with_undated_last_and_fetches_only_the_page()
    {
        var api = new FakeQueryApi(r => r.Statement switch
        {
            CypherStatements.ReadVersion => Version(),
            CypherStatements.ProvinceMembers => FakeQueryApi.Result(["members"], new object?[] { new[] { "policies/a", "policies/b", "policies/c" } }),
            CypherStatements.ListEntities => FakeQueryApi.Result(
                ["key", "nameZh", "nameEn", "dateNames", "dateStarts"],
                ["policies/a", "甲", "A", new[] { "issued" }, new[] { "2023-05-01" }],
                ["policies/b", "乙", "B", Array.Empty<string>(), Array.Empty<string>()],
                ["policies/c", "丙", "C", new[] { "issued", "amended" }, new[] { "2024-01-01", "2025-01-01" }]),
            _ => FakeQueryApi.Result(["key", "doc"], [.. r.Parameter("keys")!.AsArray().Select(k => new object?[] { k!.GetValue<string>(), EntityRows.Serialize(Depa with { Key = k.GetValue<string>() }) })]),
        });
        var view = await OpenAsync(api);
        var filter = new EntityFilter(new HashSet<EntityKind> { EntityKind.Policy }) { Province = "provinces/hainan", DateField = "issued", DateFrom = new PartialDate(2024, null, null), Text = "Data  Trade" };

        var page = await view.ListEntitiesAsync(filter, EntityOrder.DateDescending, new PageRequest(1, null), Token);

        var list = Assert.Single(api.Requests, r => r.Statement == CypherStatements.ListEntities);
        Assert.Equal(["policies/a", "policies/b", "policies/c"], list.Parameter("members")!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("2024-01-01", list.Parameter("dateFrom")!.GetValue<string>());
        Assert.Null(list.Parameter("dateTo"));
        Assert.Equal(["data", "trade"], list.Parameter("words")!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal((3, true, false), (page.TotalCount, page.HasNextPage, page.HasPreviousPage));
        Assert.Equal("policies/c", Assert.Single(page.Items).Node.Key);
        Assert.Equal(["policies/c"], api.Requests.Single(r => r.Statement == CypherStatements.GetEntities).Parameter("keys")!.AsArray().Select(k => k!.GetValue<string>()));

        var next = await view.ListEntitiesAsync(filter, EntityOrder.DateDescending, new PageRequest(5, page.Items[0].Cursor), Token);
        Assert.Equal(["policies/a", "policies/b"], next.Items.Select(i => i.Node.Key));
        Assert.True(next.HasPreviousPage);
    }

    [Fact]
    public async Task A_neighborhood_costs_one_statement_per_level_and_answers_as_the_model_walks()
    {
        static JsonObject Props() => new() { ["origin"] = "FrontMatter" };
        var api = new FakeQueryApi(r =>
        {
            if (r.Statement == CypherStatements.ReadVersion)
            {
                return Version();
            }

            var keys = r.Parameter("keys")!.AsArray().Select(k => k!.GetValue<string>()).ToList();
            if (r.Statement == CypherStatements.GetEntities)
            {
                return FakeQueryApi.Result(["key", "doc"], [.. keys.Select(k => new object?[] { k, EntityRows.Serialize(Depa with { Key = k, Kind = k.StartsWith("economies/", StringComparison.Ordinal) ? EntityKind.Economy : EntityKind.Agreement }) })]);
            }

            // Level 0 (DEPA): two parties; level 1 (the parties): Chile also party to CPTPP.
            object?[][] rows = keys.Contains("agreements/depa")
                ? [["economies/chile", "economy", "PARTY_TO", "agreements/depa", "agreement", Props()], ["economies/singapore", "economy", "PARTY_TO", "agreements/depa", "agreement", Props()]]
                : keys.Contains("economies/chile")
                    ? [["economies/chile", "economy", "PARTY_TO", "agreements/depa", "agreement", Props()], ["economies/chile", "economy", "PARTY_TO", "agreements/cptpp", "agreement", Props()]]
                    : [];
            return FakeQueryApi.Result(["from", "fromKind", "type", "to", "toKind", "properties"], rows);
        });
        var view = await OpenAsync(api);

        var neighborhood = await view.GetNeighborhoodAsync(new NeighborhoodQuery("agreements/depa", Depth: 1), Token);

        Assert.NotNull(neighborhood);
        Assert.Equal(["agreements/depa", "economies/chile", "economies/singapore"], neighborhood.Nodes.Select(n => n.Key));
        Assert.Equal(2, neighborhood.Edges.Count);
        Assert.False(neighborhood.Truncated);
        Assert.Equal("Digital Economy Partnership Agreement", neighborhood.Nodes[1].Name.En);
        Assert.Equal(2, api.Requests.Count(r => r.Statement == CypherStatements.ExpandLevel));
        Assert.True(api.Requests.Count <= 5, $"{api.Requests.Count} round trips");

        var paths = await view.FindPathsAsync(new PathQuery("agreements/depa", "agreements/cptpp", MaxHops: 2), Token);
        var path = Assert.Single(paths);
        Assert.Equal(["agreements/depa", "economies/chile", "agreements/cptpp"], path.Nodes.Select(n => n.Key));
    }

    [Fact]
    public async Task Search_sends_escaped_text_as_a_parameter_and_reads_hits_with_highlights()
    {
        var api = new FakeQueryApi(r => r.Statement == CypherStatements.ReadVersion
            ? Version()
            : FakeQueryApi.Result(["total", "facets", "key", "score", "doc"], [7, new JsonArray(new JsonObject { ["kind"] = "agreement", ["count"] = 7 }), "agreements/depa", 3.5, EntityRows.Serialize(Depa)]));
        var view = await OpenAsync(api);

        var results = await view.SearchAsync(new SearchQuery("伙伴关系 (DEPA)"), new PageRequest(1, Cursors.Encode("search", "2")), Token);
        var page = results.Hits;

        var request = Assert.Single(api.Requests, r => r.Statement == CypherStatements.Search);
        Assert.Equal("+伙伴关系 +\\(DEPA\\)", request.Parameter("query")!.GetValue<string>());
        Assert.Equal(7, results.Facets[EntityKind.Agreement]);
        Assert.Equal((2, 3), (request.Parameter("offset")!.GetValue<int>(), request.Parameter("end")!.GetValue<int>()));
        var hit = Assert.Single(page.Items);
        Assert.Equal((7, true, true), (page.TotalCount, page.HasNextPage, page.HasPreviousPage));
        Assert.Equal(3.5f, hit.Node.Score);
        Assert.Equal(Cursors.Encode("search", "3"), hit.Cursor);
        Assert.Contains(hit.Node.Highlights, h => h.Field == "name" && h.Snippet.Contains("<em>伙伴关系</em>", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_relation_type_has_its_merge_statement_naming_that_type()
    {
        foreach (var type in RelationTypes.All)
        {
            Assert.Contains($"[r:{type.Name}]", CypherStatements.MergeRelations(type.Type), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_entity_survives_the_trip_through_its_node_properties()
    {
        var row = EntityRows.Row(Depa);

        Assert.Equal(EntityRows.Serialize(Depa), EntityRows.Serialize(EntityRows.Deserialize((string)row["doc"]!)));
        Assert.Equal("agreement", row["kind"]);
        Assert.Equal(new[] { "2020-06-12" }, row["dateStarts"]);
        Assert.Contains("digital economy partnership agreement", (string[])row["haystack"]!);
    }

    [Fact]
    public void Options_come_from_the_section_then_the_NEO4J_variables()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Neo4j:Database"] = "graph" })
            .Build();
        var environment = new Dictionary<string, string?>
        {
            ["NEO4J_URI"] = "http://db.example:7474",
            ["NEO4J_DATABASE"] = "ignored",
            ["NEO4J_USER"] = "seeder",
            ["NEO4J_PASSWORD"] = "hunter2",
        };

        var options = Neo4jOptions.From(configuration, name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://db.example:7474"), options.Uri);
        Assert.Equal(("graph", "seeder", "hunter2"), (options.Database, options.User, options.Password));
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_error_is_a_Neo4j_error_not_a_wrong_answer()
    {
        var api = new FakeQueryApi(r => r.Statement == CypherStatements.ReadVersion
            ? Version()
            : FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.ParameterMissing", "Expected parameter(s): keys"));
        var view = await OpenAsync(api);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => view.GetEntitiesAsync(["agreements/depa"], Token));

        Assert.Equal("Neo.ClientError.Statement.ParameterMissing", error.Code);
    }
}
