using System.Globalization;
using System.Text.Json;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Model.Queries;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// One request's reads from Neo4j, all of one generation. Every method takes all its keys in one statement
/// (<c>UNWIND $keys</c>) and pages and counts in Cypher, so only a page crosses the wire; ordering and cursors
/// follow the embedded store exactly, so both stores give the same answers. Neighbourhoods and paths fetch the
/// breadth-first ball they need, one statement per level, and run the model's own walk over it.
/// </summary>
internal sealed class Neo4jGraphView(Neo4jQueryClient client, GraphGeneration generation, DateTimeOffset deadline, TimeProvider time, GenerationNames nameIndexes) : IGraphView
{
    private static readonly Dictionary<string, int> TypeRanks =
        RelationTypes.All.ToDictionary(t => t.Name, t => (int)t.Type, StringComparer.Ordinal);

    private static readonly string[] AllTypes = [.. RelationTypes.All.Select(t => t.Name)];

    private static readonly string[] AllKinds = [.. EntityKinds.All.Select(k => k.Name)];

    public string Version => generation.Version;

    /// <summary>The generation this view reads (every statement names it).</summary>
    public string Generation => generation.Id;

    public async Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = await FetchAsync(keys, cancellationToken);
        return [.. keys.Select(k => found.GetValueOrDefault(k))];
    }

    public async Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(
        IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        if (keys.Count == 0)
        {
            return [];
        }

        var after = page.After is null ? default((int Type, int Direction, string Other)?) : ParseRelationCursor(page.After);
        var result = await ReadAsync(CypherStatements.GetRelations, new()
        {
            ["keys"] = keys.Distinct(StringComparer.Ordinal).ToArray(),
            ["direction"] = filter.Direction switch { RelationDirection.Outgoing => 0, RelationDirection.Incoming => 1, _ => null },
            ["types"] = TypeNames(filter.Types),
            ["kinds"] = KindNames(filter.Kinds),
            ["typeRanks"] = TypeRanks,
            ["afterType"] = after?.Type,
            ["afterDirection"] = after?.Direction,
            ["afterOther"] = after?.Other,
            ["first"] = page.First,
        }, cancellationToken);
        var pages = new Dictionary<string, Page<RelationEdge>>(StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            var total = row.GetInt32("total");
            var rest = row.GetInt32("rest");
            var items = row["page"].EnumerateArray()
                .Select(e => (Rank: e.GetProperty("typeRank").GetInt32(), Direction: e.GetProperty("direction").GetInt32(), Other: e.GetProperty("other").GetString()!, Edge: e))
                .OrderBy(e => e.Rank).ThenBy(e => e.Direction).ThenBy(e => e.Other, StringComparer.Ordinal)
                .Select(e =>
                {
                    var relation = EntityRows.ReadRelation(
                        e.Edge.GetProperty("from").GetString()!, e.Edge.GetProperty("type").GetString()!, e.Edge.GetProperty("to").GetString()!, e.Edge.GetProperty("properties"));
                    var position = string.Create(CultureInfo.InvariantCulture, $"{(int)relation.Type}:{e.Direction}:{e.Other}");
                    return new PageItem<RelationEdge>(
                        new RelationEdge(relation, e.Direction == 0 ? RelationDirection.Outgoing : RelationDirection.Incoming),
                        Cursors.Encode("relation", position));
                })
                .ToList();
            if (total > 0)
            {
                pages[row.GetRequiredString("key")] = new Page<RelationEdge>(items, total, rest > items.Count, rest < total);
            }
        }

        // A key without matching relations has an empty page, as in the embedded store.
        return [.. keys.Select(k => pages.GetValueOrDefault(k) ?? Page<RelationEdge>.Empty)];
    }

    public async Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var after = page.After is null ? default((string Sort, string Key)?) : EntityOrdering.ParseCursor(page.After);
        string[]? members = null;
        if (filter.Province is { } province)
        {
            var found = await ReadAsync(CypherStatements.ProvinceMembers, new() { ["province"] = province }, cancellationToken);
            members = found.Rows is [var row] ? [.. row.GetStrings("members").Distinct(StringComparer.Ordinal)] : [];
        }

        var descending = order == EntityOrder.DateDescending;
        var result = await ReadAsync(CypherStatements.ListEntities, new()
        {
            ["kinds"] = KindNames(filter.Kinds),
            ["statuses"] = filter.Status?.ToArray() ?? [],
            ["levels"] = filter.Level?.ToArray() ?? [],
            ["categories"] = filter.Type?.ToArray() ?? [],
            ["themes"] = filter.Theme?.ToArray() ?? [],
            ["members"] = members,
            ["economy"] = filter.ObservedEconomy,
            ["dateField"] = filter.DateField,
            ["dateFrom"] = filter.DateFrom is { } from ? EntityOrdering.Iso(from.Start) : null,
            ["dateTo"] = filter.DateTo is { } to ? EntityOrdering.Iso(to.End) : null,
            ["words"] = (filter.Text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
                .Select(w => w.ToLowerInvariant()).ToArray(),
            ["relatedKey"] = filter.RelatedTo?.Key,
            ["relatedType"] = filter.RelatedTo?.Type is { } relatedType ? relatedType.Info().Name : null,
            ["relatedDirection"] = filter.RelatedTo?.Direction switch { RelationDirection.Outgoing => 0, RelationDirection.Incoming => 1, _ => null },
            ["order"] = order switch
            {
                EntityOrder.NameZh => "nameZh",
                EntityOrder.NameEn => "nameEn",
                EntityOrder.DateAscending => "dateAsc",
                EntityOrder.DateDescending => "dateDesc",
                _ => "key",
            },
            ["descending"] = descending,
            ["afterSort"] = after?.Sort,
            ["afterKey"] = after?.Key,
            ["first"] = page.First,
        }, cancellationToken);
        if (result.Rows is not [var counted])
        {
            return Page<Entity>.Empty;
        }

        var total = counted.GetInt32("total");
        var rest = counted.GetInt32("rest");
        var rows = counted["page"].EnumerateArray()
            .Select(e => (Sort: e.GetProperty("sort").GetString() ?? string.Empty, Key: e.GetProperty("key").GetString()!, Doc: e.GetProperty("doc").GetString()))
            .Where(e => e.Doc is not null)
            .ToList();
        rows.Sort((a, b) => EntityOrdering.Compare(a.Sort, a.Key, b.Sort, b.Key, descending));
        var items = rows.Select(r => new PageItem<Entity>(EntityRows.Deserialize(r.Doc!), EntityOrdering.Cursor(r.Sort, r.Key))).ToList();
        return new Page<Entity>(items, total, rest > items.Count, rest < total);
    }

    public async Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var center = (await FetchAsync([query.Key], cancellationToken)).GetValueOrDefault(query.Key);
        if (center is null)
        {
            return null;
        }

        // Edges of every node up to the depth: the walk expands to depth - 1 and keeps the edges among what it reached.
        var ball = await ExpandAsync(center, query.Types, Math.Clamp(query.Depth, 0, NeighborhoodQuery.MaxDepth) + 1, cancellationToken);
        var walked = ball.NeighborhoodOf(query)!;
        var entities = await FetchAsync([.. walked.Nodes.Select(n => n.Key)], cancellationToken);
        return walked with { Nodes = [.. walked.Nodes.Select(n => entities.GetValueOrDefault(n.Key) ?? n)] };
    }

    public async Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.From == query.To)
        {
            return [];
        }

        var ends = await FetchAsync([query.From, query.To], cancellationToken);
        if (!ends.TryGetValue(query.From, out var from) || !ends.TryGetValue(query.To, out var to))
        {
            return [];
        }

        // Any path of at most MaxHops relations only uses edges at nodes fewer than MaxHops hops from its start;
        // only the types the query follows (its types, exclusions and whether mentions count) are fetched.
        var followed = RelationTypes.All.Select(t => t.Type).Where(query.Follows).ToHashSet();
        var ball = await ExpandAsync(from, followed, Math.Clamp(query.MaxHops, 0, PathQuery.HopLimit), cancellationToken, to);
        var paths = ball.Paths(query);
        var entities = await FetchAsync([.. paths.SelectMany(p => p.Nodes).Select(n => n.Key).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. paths.Select(p => p with { Nodes = [.. p.Nodes.Select(n => entities.GetValueOrDefault(n.Key) ?? n)] })];
    }

    /// <summary>Answered from the generation's name index, built once per process from the names alone (one statement).</summary>
    public async Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        EnsureReadable();
        var index = await nameIndexes.ForAsync(generation, cancellationToken);
        return [.. names.Select(n => index.Resolve(n, kinds))];
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        query.CheckBounds();
        var text = query.Text.Trim();
        if (text.Length == 0)
        {
            return SearchResults.Empty;
        }

        var terms = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var offset = page.After is null ? 0 : ParseSearchCursor(page.After);
        var result = await ReadAsync(CypherStatements.Search, new()
        {
            ["query"] = SearchText.AllTerms(terms),
            ["kinds"] = KindNames(query.Kinds),
            ["offset"] = offset,
            ["first"] = page.First,
        }, cancellationToken);
        if (result.Rows is not [var row])
        {
            return SearchResults.Empty;
        }

        var facets = new Dictionary<EntityKind, int>();
        foreach (var facet in row["facets"].EnumerateArray())
        {
            if (EntityKinds.FromName(facet.GetProperty("kind").GetString() ?? string.Empty) is { } kind)
            {
                facets[kind.Kind] = facet.GetProperty("count").GetInt32();
            }
        }

        var total = facets.Where(f => query.Kinds is not { Count: > 0 } kinds || kinds.Contains(f.Key)).Sum(f => f.Value);
        var items = row["page"].EnumerateArray()
            .Select(h => (Key: h.GetProperty("key").GetString()!, Score: h.GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetSingle() : 0f, Doc: h.GetProperty("doc").GetString()))
            .Where(h => h.Doc is not null)
            .OrderByDescending(h => h.Score).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select((h, i) =>
            {
                var entity = EntityRows.Deserialize(h.Doc!);
                return new PageItem<SearchHit>(
                    new SearchHit(entity, h.Score, SearchText.Highlights(entity, terms)),
                    Cursors.Encode("search", (offset + i + 1).ToString(CultureInfo.InvariantCulture)));
            })
            .ToList();
        var hits = new Page<SearchHit>(items, total, offset + items.Count < total, offset > 0);
        return new SearchResults(hits, facets, total == 0 ? await SuggestAsync(terms, query.Kinds, cancellationToken) : []);
    }

    /// <summary>For a search that found nothing: entities whose names or aliases share a term with it, or are one edit away.</summary>
    private async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(IReadOnlyList<string> terms, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(CypherStatements.SearchSuggestions, new()
        {
            ["query"] = SearchText.AnyTermInNames(terms),
            ["kinds"] = KindNames(kinds),
            ["first"] = SearchText.MaxSuggestions,
        }, cancellationToken);
        return [.. result.Rows
            .Select(r => r.GetString("doc"))
            .OfType<string>()
            .Select(EntityRows.Deserialize)
            .Select(e => new SearchSuggestion(SearchText.ClosestLabel(e, terms), e))];
    }

    /// <summary>The counts the seed recorded with the generation (and verified against what it wrote): no round trip.</summary>
    public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new GraphStatistics(generation.Version, generation.CreatedAt, generation.EntitiesByKind, generation.RelationsByType));

    /// <summary>
    /// Runs a read of this view's generation, waiting for the bookmarks of the seed that wrote it (a cluster member
    /// that has not caught up yet waits instead of answering from an older state). Refused once the view has
    /// outlived the time its generation is guaranteed to be kept.
    /// </summary>
    private Task<QueryResult> ReadAsync(string statement, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        EnsureReadable();
        parameters["graph"] = generation.Id;
        return client.RunAsync(new CypherQuery(statement, parameters), AccessMode.Read, generation.Bookmarks, cancellationToken);
    }

    private void EnsureReadable()
    {
        if (time.GetUtcNow() > deadline)
        {
            throw new Neo4jQueryException(
                Neo4jQueryException.GenerationRetired,
                $"this request has been reading graph generation {generation.Id} for longer than a superseded generation is kept ({generation.Retention.TotalMinutes:0.#} min); ask again");
        }
    }

    /// <summary>The entities for the keys (one statement), by key; missing keys are absent.</summary>
    private async Task<Dictionary<string, Entity>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Entity>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var result = await ReadAsync(CypherStatements.GetEntities, new() { ["keys"] = keys.Distinct(StringComparer.Ordinal).ToArray() }, cancellationToken);
        foreach (var row in result.Rows)
        {
            if (row.GetString("doc") is { } doc)
            {
                found[row.GetRequiredString("key")] = EntityRows.Deserialize(doc);
            }
        }

        return found;
    }

    /// <summary>
    /// The relations at every node within <paramref name="levels"/> - 1 hops of <paramref name="start"/>, as a
    /// small snapshot whose nodes carry only key and kind: enough for the model's walks, which then run
    /// exactly as on the embedded store. One statement per level.
    /// </summary>
    private async Task<GraphSnapshot> ExpandAsync(Entity start, IReadOnlySet<RelationType>? types, int levels, CancellationToken cancellationToken, Entity? also = null)
    {
        var kinds = new Dictionary<string, EntityKind>(StringComparer.Ordinal) { [start.Key] = start.Kind };
        if (also is not null)
        {
            kinds[also.Key] = also.Kind;
        }

        var relations = new Dictionary<string, Relation>(StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Key };
        var frontier = new List<string> { start.Key };
        for (var level = 0; level < levels && frontier.Count > 0; level++)
        {
            var result = await ReadAsync(CypherStatements.ExpandLevel, new() { ["keys"] = frontier.ToArray(), ["types"] = TypeNames(types) }, cancellationToken);
            var next = new List<string>();
            foreach (var row in result.Rows)
            {
                var from = row.GetRequiredString("from");
                var to = row.GetRequiredString("to");
                kinds.TryAdd(from, Kind(row.GetRequiredString("fromKind")));
                kinds.TryAdd(to, Kind(row.GetRequiredString("toKind")));
                var relation = EntityRows.ReadRelation(from, row.GetRequiredString("type"), to, row["properties"]);
                relations.TryAdd(EntityRows.RelationId(relation), relation);
                next.AddRange(new[] { from, to }.Where(reached.Add));
            }

            frontier = next;
        }

        var stubs = kinds.Select(k => new Entity(k.Key, k.Value, new LocalizedText(k.Key, k.Key), [], null, Narrative.Empty, [], [], []));
        return GraphSnapshot.Create(generation.Version, generation.CreatedAt, stubs, relations.Values);
    }

    private static EntityKind Kind(string name) =>
        EntityKinds.FromName(name)?.Kind ?? throw new JsonException($"'{name}' is not an entity kind of the graph.");

    /// <summary>The allowed relation type names: every type when the caller named none, so the predicate is always <c>IN $types</c>.</summary>
    private static string[] TypeNames(IReadOnlySet<RelationType>? types) =>
        types is { Count: > 0 } ? [.. types.Select(t => t.Info().Name)] : AllTypes;

    /// <summary>The allowed kind names: every kind when the caller named none, so <c>n.kind IN $kinds</c> can seek the (graph, kind) index.</summary>
    private static string[] KindNames(IReadOnlySet<EntityKind>? kinds) =>
        kinds is { Count: > 0 } ? [.. kinds.Select(k => k.Info().Name)] : AllKinds;

    private static (int Type, int Direction, string Other) ParseRelationCursor(string cursor)
    {
        var parts = Cursors.Decode("relation", cursor).Split(':', 3);
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var direction)
            ? (type, direction, parts[2])
            : throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this connection.");
    }

    private static int ParseSearchCursor(string cursor) =>
        int.TryParse(Cursors.Decode("search", cursor), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this search.");
}
