using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using DigitalTrade.Graph.Stores.Neo4j.Schema;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>Index and constraint definitions migrate: compared with SHOW INDEXES/CONSTRAINTS, recreated when they differ.</summary>
public sealed class SchemaTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static QueryResult Rows(string[] fields, params object?[][] rows)
    {
        var response = FakeQueryApi.Result(fields, rows);
        using var document = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult());
        var data = document.RootElement.GetProperty("data");
        return new QueryResult(
            [.. data.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!)],
            [.. data.GetProperty("values").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray())],
            []);
    }

    /// <summary>SHOW output of a database the store set up as it wants it (fixture shapes: <see cref="Fixtures.IndexRow"/>).</summary>
    private static List<ExistingSchemaObject> Current(string textAnalyzer = "cjk", bool eventual = false, string uniqueness = "UNIQUENESS")
    {
        var constraints = Rows(Fixtures.ConstraintFields,
            Fixtures.ConstraintRow("entity_graph_key", "Entity", ["graph", "key"], uniqueness),
            Fixtures.ConstraintRow("graph_version_id", "GraphVersion", ["id"], uniqueness),
            Fixtures.ConstraintRow("graph_generation_id", "GraphGeneration", ["id"], uniqueness));
        var indexes = Rows(Fixtures.IndexFields,
            Fixtures.IndexRow("entity_graph_key", "RANGE", "Entity", ["graph", "key"], owningConstraint: "entity_graph_key"),
            Fixtures.IndexRow("graph_version_id", "RANGE", "GraphVersion", ["id"], owningConstraint: "graph_version_id"),
            Fixtures.IndexRow("graph_generation_id", "RANGE", "GraphGeneration", ["id"], owningConstraint: "graph_generation_id"),
            Fixtures.IndexRow("entity_graph_kind", "RANGE", "Entity", ["graph", "kind"]),
            Fixtures.IndexRow("entity_text", "FULLTEXT", "Entity", ["narrativeText", "nameZh", "nameEn", "aliasesText", "summaryZh", "summaryEn"], analyzer: textAnalyzer, eventuallyConsistent: eventual),
            ["index_343aff4e", "LOOKUP", "NODE", null, null, null, null, "ONLINE", 100.0]);
        return [.. constraints.Rows.Select(ExistingSchemaObject.Constraint), .. indexes.Rows.Select(ExistingSchemaObject.Index)];
    }

    [Fact]
    public void A_database_that_matches_needs_nothing_whichever_name_its_release_gives_uniqueness()
    {
        Assert.Empty(SchemaDefinitions.Plan(Current()));
        Assert.Empty(SchemaDefinitions.Plan(Current(uniqueness: "NODE_PROPERTY_UNIQUENESS")));
    }

    [Fact]
    public void An_empty_database_gets_every_index_and_constraint()
    {
        var plan = SchemaDefinitions.Plan([]);

        Assert.Equal(SchemaDefinitions.Wanted.Select(w => w.Name), plan.OfType<SchemaAction.Create>().Select(c => c.Wanted.Name));
        Assert.Equal(plan.Count, plan.OfType<SchemaAction.Create>().Count());
    }

    [Fact]
    public void A_changed_analyzer_is_recreated_not_ignored()
    {
        var plan = SchemaDefinitions.Plan(Current(textAnalyzer: "standard-no-stop-words"));

        var recreate = Assert.IsType<SchemaAction.Recreate>(Assert.Single(plan));
        Assert.Equal("entity_text", recreate.Wanted.Name);
        Assert.Contains("analyzer is standard-no-stop-words, not cjk", recreate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eventually_consistent_full_text_index_is_recreated()
    {
        var recreate = Assert.IsType<SchemaAction.Recreate>(Assert.Single(SchemaDefinitions.Plan(Current(eventual: true))));

        Assert.Contains("eventually consistent", recreate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_property_list_is_recreated()
    {
        var existing = Current().Where(e => e.Name != "entity_text").ToList();
        existing.Add(ExistingSchemaObject.Index(Rows(Fixtures.IndexFields,
            Fixtures.IndexRow("entity_text", "FULLTEXT", "Entity", ["nameZh", "nameEn", "aliasesText"], analyzer: "cjk")).Rows[0]));

        var recreate = Assert.IsType<SchemaAction.Recreate>(Assert.Single(SchemaDefinitions.Plan(existing)));

        Assert.Contains("covers (nameZh, nameEn, aliasesText)", recreate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_seeded_by_the_previous_release_loses_its_retired_names()
    {
        // What the previous release created: a key constraint on key alone (which forbids two generations side by
        // side), a kind index, and the full-text index.
        var constraints = Rows(Fixtures.ConstraintFields,
            Fixtures.ConstraintRow("entity_key", "Entity", ["key"]),
            Fixtures.ConstraintRow("graph_version_id", "GraphVersion", ["id"]));
        var indexes = Rows(Fixtures.IndexFields,
            Fixtures.IndexRow("entity_key", "RANGE", "Entity", ["key"], owningConstraint: "entity_key"),
            Fixtures.IndexRow("graph_version_id", "RANGE", "GraphVersion", ["id"], owningConstraint: "graph_version_id"),
            Fixtures.IndexRow("entity_kind", "RANGE", "Entity", ["kind"]),
            Fixtures.IndexRow("entity_text", "FULLTEXT", "Entity", ["nameZh", "nameEn", "aliasesText", "summaryZh", "summaryEn", "narrativeText"], analyzer: "cjk"));

        var plan = SchemaDefinitions.Plan([.. constraints.Rows.Select(ExistingSchemaObject.Constraint), .. indexes.Rows.Select(ExistingSchemaObject.Index)]);

        var drops = plan.OfType<SchemaAction.Drop>().ToList();
        Assert.Equal([("entity_key", true), ("entity_kind", false)], drops.Select(d => (d.Existing.Name, d.Existing.IsConstraint)));
        Assert.Equal(["entity_graph_key", "graph_generation_id", "entity_graph_kind"], plan.OfType<SchemaAction.Create>().Select(c => c.Wanted.Name));
        Assert.Empty(plan.OfType<SchemaAction.Recreate>());
    }

    [Fact]
    public void A_name_held_by_the_wrong_kind_of_object_is_recreated()
    {
        var existing = Current().Where(e => e.Name != "entity_graph_kind").ToList();
        existing.Add(ExistingSchemaObject.Constraint(Rows(Fixtures.ConstraintFields, Fixtures.ConstraintRow("entity_graph_kind", "Entity", ["graph", "kind"])).Rows[0]));

        var recreate = Assert.IsType<SchemaAction.Recreate>(Assert.Single(SchemaDefinitions.Plan(existing)));

        Assert.True(recreate.Existing.IsConstraint);
        Assert.Contains("is a constraint", recreate.Reason, StringComparison.Ordinal);
    }

    private static Neo4jSchemaMigrator Migrator(FakeNeo4j server, TimeSpan? wait = null)
    {
        var options = FakeQueryApi.TestOptions();
        options.IndexPollInterval = TimeSpan.FromMilliseconds(1);
        options.IndexWaitTimeout = wait ?? TimeSpan.FromSeconds(30);
        return new Neo4jSchemaMigrator(server.Client(options), Options.Create(options), TimeProvider.System, new ListLogger<Neo4jSchemaMigrator>());
    }

    [Fact]
    public async Task The_migrator_drops_and_recreates_a_changed_index_in_one_explicit_transaction()
    {
        var server = new FakeNeo4j();
        await Migrator(server).EnsureAsync(null, Token);
        var text = server.Schema.Single(e => e.Name == "entity_text");
        server.Schema[server.Schema.IndexOf(text)] = text with { Analyzer = "standard-no-stop-words" };
        server.Requests.Clear();

        var plan = await Migrator(server).EnsureAsync(null, Token);

        Assert.IsType<SchemaAction.Recreate>(Assert.Single(plan));
        Assert.Equal("cjk", server.Schema.Single(e => e.Name == "entity_text").Analyzer);
        var inTransaction = server.Requests.Where(r => r.Path.StartsWith("/db/graph/query/v2/tx/", StringComparison.Ordinal)).ToList();
        Assert.Equal([CypherStatements.DropIndex, CypherStatements.CreateTextIndex, null], inTransaction.Select(r => r.Statement));
        Assert.EndsWith("/commit", inTransaction[^1].Path, StringComparison.Ordinal);
        Assert.Equal("entity_text", inTransaction[0].Parameter("name")!.GetValue<string>());
    }

    [Fact]
    public async Task The_migrator_says_what_blocks_an_index_IF_NOT_EXISTS_silently_skipped()
    {
        var server = new FakeNeo4j();
        server.Schema.Add(new FakeNeo4j.SchemaEntry("somebody_elses_text", false, "FULLTEXT", "Entity", ["nameZh", "nameEn", "aliasesText", "summaryZh", "summaryEn", "narrativeText"], "standard"));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Migrator(server).EnsureAsync(null, Token));

        Assert.Equal(Neo4jQueryException.SchemaProblem, error.Code);
        Assert.Contains("entity_text could not be made", error.Message, StringComparison.Ordinal);
        Assert.Contains("somebody_elses_text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrator_waits_by_polling_until_new_indexes_are_online_and_reports_a_failed_or_slow_one()
    {
        var server = new FakeNeo4j { NewIndexState = "POPULATING" };
        var polls = 0;
        server.Intercept = r =>
        {
            if (r.Statement == CypherStatements.ShowIndexes && ++polls == 5)
            {
                server.Schema.ForEach(e => e.State = "ONLINE");
            }

            return null;
        };
        var progress = new List<SeedProgress>();

        await Migrator(server).EnsureAsync(new InlineProgress(progress), Token);

        Assert.Equal(("indexes", 5, 5), (progress[^1].Phase, progress[^1].Done, progress[^1].Total));
        Assert.DoesNotContain(server.Requests, r => r.Statement?.Contains("awaitIndexes", StringComparison.Ordinal) == true);

        var failing = new FakeNeo4j { NewIndexState = "FAILED" };
        var failed = await Assert.ThrowsAsync<Neo4jQueryException>(() => Migrator(failing).EnsureAsync(null, Token));
        Assert.Contains("FAILED to populate", failed.Message, StringComparison.Ordinal);

        var slow = new FakeNeo4j { NewIndexState = "POPULATING" };
        var late = await Assert.ThrowsAsync<Neo4jQueryException>(() => Migrator(slow, TimeSpan.FromMilliseconds(50)).EnsureAsync(null, Token));
        Assert.Contains("still populating", late.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was switched", late.Message, StringComparison.Ordinal);
    }

    private sealed class InlineProgress(List<SeedProgress> seen) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => seen.Add(value);
    }
}
