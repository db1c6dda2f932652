using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Model.Queries;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>The store's reads through a scripted Query API: one statement per batch, what is sent, and how answers map.</summary>
public sealed class StoreTests
{
    private const string Generation = "v42-20250102030405-0a1b2c3d";

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

    private static Neo4jGraphStore NewStore(FakeQueryApi api, Neo4jOptions? options = null)
    {
        options ??= FakeQueryApi.TestOptions();
        var client = api.Client(options);
        return new Neo4jGraphStore(client, new Neo4jServerCheck(client, Options.Create(options), TimeProvider.System, new ListLogger<Neo4jServerCheck>()), Options.Create(options), TimeProvider.System, new ListLogger<Neo4jGraphStore>());
    }

    private static async Task<IGraphView> OpenAsync(FakeQueryApi api) => await NewStore(api).OpenViewAsync(Token);

    /// <summary>What <see cref="CypherStatements.ReadCurrent"/> returns for a served generation.</summary>
    private static HttpResponseMessage Current() => FakeQueryApi.Result(
        ["generation", "pointerVersion", "version", "createdAt", "state", "bookmarks", "retainSeconds", "kindNames", "kindCounts", "typeNames", "typeCounts"],
        [Generation, "v42", "v42", "2025-01-02T03:04:05+00:00", "current", new[] { "FB:seed" }, 900,
            new[] { "agreement", "economy" }, new JsonArray(1, 3), new[] { "PARTY_TO" }, new JsonArray(3)]);

    private static HttpResponseMessage Answer(RecordedRequest r, Func<RecordedRequest, HttpResponseMessage> rest) =>
        r.Statement == CypherStatements.ReadCurrent ? Current() : rest(r);

    [Fact]
    public async Task A_view_reads_the_current_generation_and_a_store_without_one_is_not_ready()
    {
        var view = await OpenAsync(new FakeQueryApi(_ => Current()));
        Assert.Equal("v42", view.Version);

        var statistics = await view.GetStatisticsAsync(Token);
        Assert.Equal((4, 3, 3), (statistics.EntityCount, statistics.EntitiesByKind[EntityKind.Economy], statistics.RelationsByType[RelationType.PartyTo]));

        var empty = new FakeQueryApi(_ => FakeQueryApi.Result(["generation"]));
        var status = await NewStore(empty).GetStatusAsync(Token);
        Assert.False(status.Ready);
        Assert.Contains("holds no seeded graph", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_requests_reads_the_current_generation_once_within_the_cache_duration()
    {
        var api = new FakeQueryApi(_ => Current());
        var store = NewStore(api);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await store.GetStatusAsync(Token)).Ready);
            await store.OpenViewAsync(Token);
        }

        Assert.Single(api.Queries, r => r.Statement == CypherStatements.ReadCurrent);
        Assert.Single(api.Requests, r => r.Path == "/");

        var options = FakeQueryApi.TestOptions();
        options.VersionCacheDuration = TimeSpan.Zero;
        var uncached = new FakeQueryApi(_ => Current());
        var every = NewStore(uncached, options);
        await every.OpenViewAsync(Token);
        await every.OpenViewAsync(Token);
        Assert.Equal(2, uncached.Queries.Count(r => r.Statement == CypherStatements.ReadCurrent));
    }

    [Fact]
    public async Task Readyz_status_is_false_with_a_clear_reason_while_Neo4j_is_unreachable_and_true_when_it_returns()
    {
        var up = false;
        var api = new FakeQueryApi(_ => up ? Current() : throw new HttpRequestException("Connection refused"));
        var options = FakeQueryApi.TestOptions();
        options.ReadRetries = 0;
        var store = NewStore(api, options);

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
    public async Task Many_entities_cost_one_statement_naming_the_generation_with_null_for_missing_keys()
    {
        var api = new FakeQueryApi(r => Answer(r, _ => FakeQueryApi.Result(["key", "doc"], ["agreements/depa", EntityRows.Serialize(Depa)], ["cases/nothing", null])));
        var view = await OpenAsync(api);
        var keys = Enumerable.Range(0, 50).Select(i => $"cases/c{i}").Append("cases/nothing").Prepend("agreements/depa").ToList();

        var entities = await view.GetEntitiesAsync(keys, Token);

        var request = Assert.Single(api.Queries, r => r.Statement == CypherStatements.GetEntities);
        Assert.Equal(52, request.Parameter("keys")!.AsArray().Count);
        Assert.Equal(Generation, request.Parameter("graph")!.GetValue<string>());
        Assert.Equal(["FB:seed"], request.Body!["bookmarks"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Equal(52, entities.Count);
        Assert.Equal(EntityRows.Serialize(Depa), EntityRows.Serialize(entities[0]!));
        Assert.All(entities.Skip(1), Assert.Null);
    }

    [Fact]
    public async Task Relation_pages_are_cut_and_counted_in_Cypher_and_carry_embedded_style_cursors()
    {
        static JsonObject Edge(string other) => new()
        {
            ["typeRank"] = (int)RelationType.PartyTo,
            ["type"] = "PARTY_TO",
            ["direction"] = 1,
            ["other"] = other,
            ["from"] = other,
            ["to"] = "agreements/depa",
            ["properties"] = new JsonObject { ["origin"] = "FrontMatter", ["date"] = "2020-06" },
        };

        // The page comes back out of order: the view orders it as the model does, whatever collect() kept.
        var api = new FakeQueryApi(r => Answer(r, _ => FakeQueryApi.Result(
            ["key", "total", "rest", "page"],
            ["agreements/depa", 5, 3, new JsonArray(Edge("economies/singapore"), Edge("economies/chile"))],
            ["agreements/rcep", 0, 0, new JsonArray()])));
        var view = await OpenAsync(api);
        var after = Cursors.Encode("relation", $"{(int)RelationType.PartyTo}:1:economies/brunei");

        var pages = await view.GetRelationsAsync(
            ["agreements/depa", "agreements/rcep", "agreements/none"],
            new RelationFilter(new HashSet<RelationType> { RelationType.PartyTo }, RelationDirection.Incoming, new HashSet<EntityKind> { EntityKind.Economy }),
            new PageRequest(2, after),
            Token);

        var request = Assert.Single(api.Queries, r => r.Statement == CypherStatements.GetRelations);
        Assert.Equal(["PARTY_TO"], request.Parameter("types")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["economy"], request.Parameter("kinds")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(1, request.Parameter("direction")!.GetValue<int>());
        Assert.Equal("economies/brunei", request.Parameter("afterOther")!.GetValue<string>());
        Assert.Equal(2, request.Parameter("first")!.GetValue<int>());

        var depa = pages[0];
        Assert.Equal(["economies/chile", "economies/singapore"], depa.Items.Select(i => i.Node.Relation.From));
        Assert.Equal((5, true, true), (depa.TotalCount, depa.HasNextPage, depa.HasPreviousPage));
        Assert.Equal(RelationDirection.Incoming, depa.Items[0].Node.Direction);
        Assert.Equal(new PartialDate(2020, 6, null), depa.Items[0].Node.Relation.Properties.Date);
        Assert.Equal(Cursors.Encode("relation", $"{(int)RelationType.PartyTo}:1:economies/singapore"), depa.Items[^1].Cursor);
        Assert.Same(Page<RelationEdge>.Empty, pages[1]);
        Assert.Same(Page<RelationEdge>.Empty, pages[2]);
    }

    [Fact]
    public async Task Without_type_or_kind_filters_every_type_and_kind_is_listed_so_the_predicates_stay_index_friendly()
    {
        var api = new FakeQueryApi(r => Answer(r, _ => FakeQueryApi.Result(["key", "total", "rest", "page"])));
        var view = await OpenAsync(api);

        await view.GetRelationsAsync(["agreements/depa"], RelationFilter.All, new PageRequest(5, null), Token);
        await view.ListEntitiesAsync(EntityFilter.All, EntityOrder.Key, new PageRequest(5, null), Token);

        var relations = Assert.Single(api.Queries, r => r.Statement == CypherStatements.GetRelations);
        var list = Assert.Single(api.Queries, r => r.Statement == CypherStatements.ListEntities);
        Assert.Equal(RelationTypes.All.Select(t => t.Name), relations.Parameter("types")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(EntityKinds.All.Select(k => k.Name), relations.Parameter("kinds")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(EntityKinds.All.Select(k => k.Name), list.Parameter("kinds")!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("n.graph = $graph AND n.kind IN $kinds", CypherStatements.ListEntities, StringComparison.Ordinal);
        Assert.DoesNotContain("size($kinds)", CypherStatements.ListEntities, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_of_another_connection_is_refused_before_any_statement()
    {
        var api = new FakeQueryApi(_ => Current());
        var view = await OpenAsync(api);

        var relations = await Assert.ThrowsAsync<GraphQueryException>(() => view.GetRelationsAsync(["agreements/depa"], RelationFilter.All, new PageRequest(5, Cursors.Encode("entity", "x")), Token));
        var entities = await Assert.ThrowsAsync<GraphQueryException>(() => view.ListEntitiesAsync(EntityFilter.All, EntityOrder.Key, new PageRequest(5, Cursors.Encode("relation", "x")), Token));

        Assert.Equal(("INVALID_CURSOR", "INVALID_CURSOR"), (relations.Code, entities.Code));
        Assert.DoesNotContain(api.Queries, r => r.Statement is CypherStatements.GetRelations or CypherStatements.ListEntities);
    }

    [Fact]
    public async Task Listing_pages_in_Cypher_and_sends_the_order_and_keyset_cursor()
    {
        var policy = Depa with { Key = "policies/c", Kind = EntityKind.Policy };
        var older = Depa with { Key = "policies/a", Kind = EntityKind.Policy };
        var api = new FakeQueryApi(r => r.Statement switch
        {
            CypherStatements.ReadCurrent => Current(),
            CypherStatements.ProvinceMembers => FakeQueryApi.Result(["members"], new object?[] { new[] { "policies/a", "policies/b", "policies/c" } }),
            _ => FakeQueryApi.Result(
                ["total", "rest", "page"],
                [3, 3, new JsonArray(
                    new JsonObject { ["key"] = "policies/a", ["sort"] = "2023-05-01", ["doc"] = EntityRows.Serialize(older) },
                    new JsonObject { ["key"] = "policies/c", ["sort"] = "2025-01-01", ["doc"] = EntityRows.Serialize(policy) })]),
        });
        var view = await OpenAsync(api);
        var filter = new EntityFilter(new HashSet<EntityKind> { EntityKind.Policy }) { Province = "provinces/hainan", DateField = "issued", DateFrom = new PartialDate(2024, null, null), Text = "Data  Trade" };

        var page = await view.ListEntitiesAsync(filter, EntityOrder.DateDescending, new PageRequest(2, null), Token);

        var list = Assert.Single(api.Queries, r => r.Statement == CypherStatements.ListEntities);
        Assert.Equal(["policies/a", "policies/b", "policies/c"], list.Parameter("members")!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(("2024-01-01", null), (list.Parameter("dateFrom")!.GetValue<string>(), list.Parameter("dateTo")));
        Assert.Equal(["data", "trade"], list.Parameter("words")!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(("dateDesc", true, 2), (list.Parameter("order")!.GetValue<string>(), list.Parameter("descending")!.GetValue<bool>(), list.Parameter("first")!.GetValue<int>()));
        Assert.Null(list.Parameter("afterKey"));

        // Latest first, whatever order the rows came in; the cursor is the model's.
        Assert.Equal(["policies/c", "policies/a"], page.Items.Select(i => i.Node.Key));
        Assert.Equal((3, true, false), (page.TotalCount, page.HasNextPage, page.HasPreviousPage));
        Assert.Equal(EntityOrdering.Cursor("2023-05-01", "policies/a"), page.Items[^1].Cursor);

        await view.ListEntitiesAsync(filter, EntityOrder.DateDescending, new PageRequest(2, page.Items[^1].Cursor), Token);
        var next = api.Queries.Last(r => r.Statement == CypherStatements.ListEntities);
        Assert.Equal(("2023-05-01", "policies/a"), (next.Parameter("afterSort")!.GetValue<string>(), next.Parameter("afterKey")!.GetValue<string>()));
    }

    [Fact]
    public async Task A_neighborhood_costs_one_statement_per_level_and_answers_as_the_model_walks()
    {
        static JsonObject Props() => new() { ["origin"] = "FrontMatter" };
        var api = new FakeQueryApi(r => Answer(r, r =>
        {
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
        }));
        var view = await OpenAsync(api);

        var neighborhood = await view.GetNeighborhoodAsync(new NeighborhoodQuery("agreements/depa", Depth: 1), Token);

        Assert.NotNull(neighborhood);
        Assert.Equal(["agreements/depa", "economies/chile", "economies/singapore"], neighborhood.Nodes.Select(n => n.Key));
        Assert.Equal(2, neighborhood.Edges.Count);
        Assert.False(neighborhood.Truncated);
        Assert.Equal("Digital Economy Partnership Agreement", neighborhood.Nodes[1].Name.En);
        Assert.Equal(2, api.Queries.Count(r => r.Statement == CypherStatements.ExpandLevel));
        Assert.True(api.Queries.Count <= 5, $"{api.Queries.Count} round trips");

        var paths = await view.FindPathsAsync(new PathQuery("agreements/depa", "agreements/cptpp", MaxHops: 2), Token);
        var path = Assert.Single(paths);
        Assert.Equal(["agreements/depa", "economies/chile", "agreements/cptpp"], path.Nodes.Select(n => n.Key));
        Assert.Contains("MENTIONS", api.Queries.Last(r => r.Statement == CypherStatements.ExpandLevel).Parameter("types")!.AsArray().Select(t => t!.GetValue<string>()));

        // Only the types a path may follow are fetched: no mentions when they are left out, never an excluded type.
        await view.FindPathsAsync(new PathQuery("agreements/depa", "agreements/cptpp", MaxHops: 2) { IncludeMentions = false, ExcludeTypes = new HashSet<RelationType> { RelationType.Uses } }, Token);
        var types = api.Queries.Last(r => r.Statement == CypherStatements.ExpandLevel).Parameter("types")!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("PARTY_TO", types);
        Assert.DoesNotContain("MENTIONS", types);
        Assert.DoesNotContain("USES", types);
    }

    [Fact]
    public async Task Search_requires_every_term_pages_in_Cypher_and_reads_hits_in_score_order_with_facets_and_highlights()
    {
        var api = new FakeQueryApi(r => Answer(r, _ => FakeQueryApi.Result(
            ["facets", "page"],
            [new JsonArray(new JsonObject { ["kind"] = "agreement", ["count"] = 7 }, new JsonObject { ["kind"] = "policy", ["count"] = 3 }),
                new JsonArray(
                    new JsonObject { ["key"] = "agreements/rcep", ["score"] = 1.5, ["doc"] = EntityRows.Serialize(Depa with { Key = "agreements/rcep" }) },
                    new JsonObject { ["key"] = "agreements/depa", ["score"] = 3.5, ["doc"] = EntityRows.Serialize(Depa) })])));
        var view = await OpenAsync(api);

        var results = await view.SearchAsync(new SearchQuery("伙伴关系 (DEPA)", new HashSet<EntityKind> { EntityKind.Agreement }), new PageRequest(2, Cursors.Encode("search", "2")), Token);

        var request = Assert.Single(api.Queries, r => r.Statement == CypherStatements.Search);
        Assert.Equal("+伙伴关系 +\\(DEPA\\)", request.Parameter("query")!.GetValue<string>());
        Assert.Equal((2, 2), (request.Parameter("offset")!.GetValue<int>(), request.Parameter("first")!.GetValue<int>()));
        Assert.Equal(["agreement"], request.Parameter("kinds")!.AsArray().Select(k => k!.GetValue<string>()));
        var page = results.Hits;
        Assert.Equal(["agreements/depa", "agreements/rcep"], page.Items.Select(i => i.Node.Entity.Key));

        // The total is the facets' sum over the kinds asked for; facets count every kind, for a front-end to offer.
        Assert.Equal((7, true, true), (page.TotalCount, page.HasNextPage, page.HasPreviousPage));
        Assert.Equal((7, 3), (results.Facets[EntityKind.Agreement], results.Facets[EntityKind.Policy]));
        Assert.Equal(3.5f, page.Items[0].Node.Score);
        Assert.Equal(Cursors.Encode("search", "4"), page.Items[^1].Cursor);
        Assert.Contains(page.Items[0].Node.Highlights, h => h.Field == "name" && h.Snippet.Contains("<em>伙伴关系</em>", StringComparison.Ordinal));
        Assert.Empty(results.Suggestions);
        Assert.DoesNotContain(api.Queries, r => r.Statement == CypherStatements.SearchSuggestions);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_suggests_names_sharing_a_term_or_one_edit_away()
    {
        var api = new FakeQueryApi(r => Answer(r, r => r.Statement == CypherStatements.Search
            ? FakeQueryApi.Result(["facets", "page"], [new JsonArray(new JsonObject { ["kind"] = "policy", ["count"] = 2 }), new JsonArray()])
            : FakeQueryApi.Result(["doc"], [EntityRows.Serialize(Depa)])));
        var view = await OpenAsync(api);

        var results = await view.SearchAsync(new SearchQuery("Partnershp economy", new HashSet<EntityKind> { EntityKind.Agreement }), new PageRequest(10, null), Token);

        Assert.Equal(0, results.Hits.TotalCount);
        var suggestion = Assert.Single(results.Suggestions);
        Assert.Equal(("agreements/depa", "Digital Economy Partnership Agreement"), (suggestion.Entity.Key, suggestion.Text));
        var request = Assert.Single(api.Queries, r => r.Statement == CypherStatements.SearchSuggestions);
        Assert.Equal(
            "nameZh:Partnershp nameEn:Partnershp aliasesText:Partnershp nameEn:Partnershp~1 aliasesText:Partnershp~1 nameZh:economy nameEn:economy aliasesText:economy nameEn:economy~1 aliasesText:economy~1",
            request.Parameter("query")!.GetValue<string>());
        Assert.Equal(["agreement"], request.Parameter("kinds")!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(5, request.Parameter("first")!.GetValue<int>());
    }

    [Fact]
    public async Task Search_text_beyond_the_bounds_is_refused_before_any_statement()
    {
        var api = new FakeQueryApi(_ => Current());
        var view = await OpenAsync(api);

        var error = await Assert.ThrowsAsync<GraphQueryException>(() => view.SearchAsync(new SearchQuery(new string('字', SearchQuery.MaxLength + 1)), new PageRequest(5, null), Token));

        Assert.Equal("INVALID_ARGUMENT", error.Code);
        Assert.DoesNotContain(api.Queries, r => r.Statement == CypherStatements.Search);
    }

    [Fact]
    public void Every_relation_type_has_its_write_statement_naming_that_type()
    {
        foreach (var type in RelationTypes.All)
        {
            Assert.Contains($"[r:{type.Name}]", CypherStatements.WriteRelations(type.Type), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_entity_survives_the_trip_through_its_node_properties()
    {
        var row = EntityRows.Row(Depa);

        Assert.Equal(EntityRows.Serialize(Depa), EntityRows.Serialize(EntityRows.Deserialize((string)row["doc"]!)));
        Assert.Equal("agreement", row["kind"]);
        Assert.Equal("DIGITAL ECONOMY PARTNERSHIP AGREEMENT", row["nameEnSort"]);
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
    public void Credentials_written_into_the_address_are_taken_out_of_it()
    {
        var options = Neo4jOptions.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Neo4j:Uri"] = "http://seeder:p%40ss-w0rd@db.example:7474/" }).Build(),
            _ => null);

        Assert.Equal(new Uri("http://db.example:7474/"), options.Uri);
        Assert.Equal(("seeder", "p@ss-w0rd"), (options.User, options.Password));
        Assert.DoesNotContain("p@ss", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("p%40ss", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_retention_shorter_than_a_request_can_take_is_raised()
    {
        var options = new Neo4jOptions { GenerationRetention = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromMinutes(3), options.EffectiveRetention);
        Assert.Equal(TimeSpan.FromMinutes(15), new Neo4jOptions().EffectiveRetention);
    }

    [Fact]
    public async Task A_store_error_is_a_Neo4j_error_not_a_wrong_answer()
    {
        var api = new FakeQueryApi(r => Answer(r, _ => FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.ParameterMissing", "Expected parameter(s): keys")));
        var view = await OpenAsync(api);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => view.GetEntitiesAsync(["agreements/depa"], Token));

        Assert.Equal("Neo.ClientError.Statement.ParameterMissing", error.Code);
    }
}
