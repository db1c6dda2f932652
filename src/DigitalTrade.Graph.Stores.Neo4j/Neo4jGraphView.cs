using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Model.Queries;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// One request's reads from Neo4j. Every method takes all its keys in one statement (<c>UNWIND $keys</c>);
/// ordering, cursors and the graph walks follow the embedded store exactly, so both stores give the same
/// answers. Neighbourhoods and paths fetch the breadth-first ball they need, one statement per level, and
/// run the model's own walk over it.
/// </summary>
internal sealed class Neo4jGraphView(Neo4jQueryClient client, string version, DateTimeOffset createdAt) : IGraphView
{
    private static readonly Dictionary<string, int> TypeRanks =
        RelationTypes.All.ToDictionary(t => t.Name, t => (int)t.Type, StringComparer.Ordinal);

    public string Version => version;

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
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
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
        };
        var result = await client.RunAsync(new CypherQuery(CypherStatements.GetRelations, parameters), AccessMode.Read, cancellationToken);
        var pages = new Dictionary<string, Page<RelationEdge>>(StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            var total = row.GetInt32("total");
            var skipped = row.GetInt32("skipped");
            var items = row["page"].EnumerateArray().Select(e =>
            {
                var direction = e.GetProperty("direction").GetInt32();
                var other = e.GetProperty("other").GetString()!;
                var relation = EntityRows.ReadRelation(
                    e.GetProperty("from").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("to").GetString()!, e.GetProperty("properties"));
                var position = string.Create(CultureInfo.InvariantCulture, $"{(int)relation.Type}:{direction}:{other}");
                return new PageItem<RelationEdge>(
                    new RelationEdge(relation, direction == 0 ? RelationDirection.Outgoing : RelationDirection.Incoming),
                    Cursors.Encode("relation", position));
            }).ToList();
            pages[row.GetRequiredString("key")] = new Page<RelationEdge>(items, total, skipped + items.Count < total, skipped > 0);
        }

        // A key without matching relations has no row: its page is empty, as in the embedded store.
        return [.. keys.Select(k => pages.GetValueOrDefault(k) ?? Page<RelationEdge>.Empty)];
    }

    public async Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        string[]? members = null;
        if (filter.Province is { } province)
        {
            var found = await client.RunAsync(
                new CypherQuery(CypherStatements.ProvinceMembers, new Dictionary<string, object?>(StringComparer.Ordinal) { ["province"] = province }),
                AccessMode.Read,
                cancellationToken);
            members = found.Rows is [var row] ? [.. row.GetStrings("members").Distinct(StringComparer.Ordinal)] : [];
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kinds"] = KindNames(filter.Kinds),
            ["statuses"] = filter.Status?.ToArray() ?? [],
            ["levels"] = filter.Level?.ToArray() ?? [],
            ["categories"] = filter.Type?.ToArray() ?? [],
            ["themes"] = filter.Theme?.ToArray() ?? [],
            ["members"] = members,
            ["economy"] = filter.ObservedEconomy,
            ["dateField"] = filter.DateField,
            ["dateFrom"] = filter.DateFrom is { } from ? Day(from.Start) : null,
            ["dateTo"] = filter.DateTo is { } to ? Day(to.End) : null,
            ["words"] = (filter.Text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
                .Select(w => w.ToLowerInvariant()).ToArray(),
            ["relatedKey"] = filter.RelatedTo?.Key,
            ["relatedType"] = filter.RelatedTo?.Type is { } relatedType ? relatedType.Info().Name : null,
            ["relatedDirection"] = filter.RelatedTo?.Direction switch { RelationDirection.Outgoing => 0, RelationDirection.Incoming => 1, _ => null },
        };
        var result = await client.RunAsync(new CypherQuery(CypherStatements.ListEntities, parameters), AccessMode.Read, cancellationToken);

        // Ordering and the cursor are computed here, with the embedded listing's ordinal comparisons.
        var descending = order == EntityOrder.DateDescending;
        var rows = result.Rows.Select(r => (Sort: SortKey(r, order, filter.DateField), Key: r.GetRequiredString("key"), Item: r.GetRequiredString("key"))).ToList();
        rows.Sort((a, b) => EntityOrdering.Compare(a.Sort, a.Key, b.Sort, b.Key, descending));
        var keys = EntityOrdering.Slice(rows, page, descending);
        var entities = await FetchAsync([.. keys.Items.Select(i => i.Node)], cancellationToken);
        var items = keys.Items
            .Where(i => entities.ContainsKey(i.Node))
            .Select(i => new PageItem<Entity>(entities[i.Node], i.Cursor))
            .ToList();
        return new Page<Entity>(items, keys.TotalCount, keys.HasNextPage, keys.HasPreviousPage);
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

        // Any path of at most MaxHops relations only uses edges at nodes fewer than MaxHops hops from its start.
        var ball = await ExpandAsync(from, query.Types, Math.Clamp(query.MaxHops, 0, PathQuery.HopLimit), cancellationToken, to);
        var paths = ball.Paths(query);
        var entities = await FetchAsync([.. paths.SelectMany(p => p.Nodes).Select(n => n.Key).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. paths.Select(p => p with { Nodes = [.. p.Nodes.Select(n => entities.GetValueOrDefault(n.Key) ?? n)] })];
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

        var offset = page.After is null ? 0 : ParseSearchCursor(page.After);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            // Every word is required, as the schema promises (the index's CJK analyzer then wants any bigram of a Chinese word).
            ["query"] = string.Join(' ', EscapeLucene(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "+" + w)),
            ["kinds"] = KindNames(query.Kinds),
            ["offset"] = offset,
            ["end"] = offset + page.First,
        };
        var result = await client.RunAsync(new CypherQuery(CypherStatements.Search, parameters), AccessMode.Read, cancellationToken);
        var total = result.Rows.Count > 0 ? result.Rows[0].GetInt32("total") : 0;
        var terms = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = result.Rows
            .Where(r => r.GetString("doc") is not null)
            .Select((r, i) =>
            {
                var entity = EntityRows.Deserialize(r.GetRequiredString("doc"));
                var score = r["score"].ValueKind == JsonValueKind.Number ? r["score"].GetSingle() : 0f;
                return new PageItem<SearchHit>(
                    new SearchHit(entity, score, Highlights(entity, terms)),
                    Cursors.Encode("search", (offset + i + 1).ToString(CultureInfo.InvariantCulture)));
            })
            .ToList();
        var facets = new Dictionary<EntityKind, int>();
        if (result.Rows.Count > 0 && result.Rows[0]["facets"] is { ValueKind: JsonValueKind.Array } counted)
        {
            foreach (var facet in counted.EnumerateArray())
            {
                if (EntityKinds.FromName(facet.GetProperty("kind").GetString() ?? string.Empty) is { } kind)
                {
                    facets[kind.Kind] = facet.GetProperty("count").GetInt32();
                }
            }
        }

        // Suggestions come from the embedded index only; this store gives none.
        return new SearchResults(new Page<SearchHit>(items, total, offset + items.Count < total, offset > 0), facets, []);
    }

    public async Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var entities = await client.RunAsync(new CypherQuery(CypherStatements.CountEntities), AccessMode.Read, cancellationToken);
        var relations = await client.RunAsync(new CypherQuery(CypherStatements.CountRelations), AccessMode.Read, cancellationToken);
        var byKind = EntityKinds.All.ToDictionary(k => k.Kind, _ => 0);
        foreach (var row in entities.Rows)
        {
            if (EntityKinds.FromName(row.GetString("kind") ?? string.Empty) is { } kind)
            {
                byKind[kind.Kind] = row.GetInt32("count");
            }
        }

        var byType = RelationTypes.All.ToDictionary(t => t.Type, _ => 0);
        foreach (var row in relations.Rows)
        {
            if (RelationTypes.FromName(row.GetString("type") ?? string.Empty) is { } type)
            {
                byType[type.Type] = row.GetInt32("count");
            }
        }

        return new GraphStatistics(version, createdAt, byKind, byType);
    }

    /// <summary>The entities for the keys (one statement), by key; missing keys are absent.</summary>
    private async Task<Dictionary<string, Entity>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Entity>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["keys"] = keys.Distinct(StringComparer.Ordinal).ToArray() };
        var result = await client.RunAsync(new CypherQuery(CypherStatements.GetEntities, parameters), AccessMode.Read, cancellationToken);
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
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["keys"] = frontier.ToArray(), ["types"] = TypeNames(types) };
            var result = await client.RunAsync(new CypherQuery(CypherStatements.ExpandLevel, parameters), AccessMode.Read, cancellationToken);
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
        return GraphSnapshot.Create(version, createdAt, stubs, relations.Values);
    }

    private static EntityKind Kind(string name) =>
        EntityKinds.FromName(name)?.Kind ?? throw new JsonException($"'{name}' is not an entity kind of the graph.");

    private static string[] TypeNames(IReadOnlySet<RelationType>? types) => types?.Select(t => t.Info().Name).ToArray() ?? [];

    private static string[] KindNames(IReadOnlySet<EntityKind>? kinds) => kinds?.Select(k => k.Info().Name).ToArray() ?? [];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private static string SortKey(QueryRow row, EntityOrder order, string? dateField)
    {
        var names = row.GetStrings("dateNames");
        var dates = row.GetStrings("dateStarts").Select((start, i) => (Name: i < names.Count ? names[i] : string.Empty, Start: start));
        return EntityOrdering.SortKey(order, row.GetString("nameZh") ?? string.Empty, row.GetString("nameEn") ?? string.Empty, dates, dateField);
    }

    /// <summary>
    /// Makes the user's words plain terms of the full-text query: Lucene syntax is escaped. This is about
    /// meaning, not safety; the text travels as a parameter either way.
    /// </summary>
    internal static string EscapeLucene(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ("+-&|!(){}[]^\"~*?:\\/".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // The operators are words to Lucene; lower case makes them plain words again.
        return string.Join(' ', escaped.ToString().Split(' ').Select(w => w is "AND" or "OR" or "NOT" or "TO" ? w.ToLowerInvariant() : w));
    }

    /// <summary>Passages where the words occur, matches in <c>&lt;em&gt;</c>, one per field as the embedded store gives them.</summary>
    internal static IReadOnlyList<SearchHighlight> Highlights(Entity entity, IReadOnlyList<string> terms)
    {
        var fields = new (string Field, string? Text)[]
        {
            ("name", entity.Name.Zh), ("name", entity.Name.En),
            ("aliases", string.Join(" ; ", entity.Aliases)),
            ("summary", entity.Summary?.Zh), ("summary", entity.Summary?.En),
            ("narrative", entity.Narrative.Text),
        };
        var highlights = new List<SearchHighlight>();
        foreach (var (field, text) in fields)
        {
            if (string.IsNullOrEmpty(text) || highlights.Any(h => h.Field == field) || Snippet(text, terms) is not { } snippet)
            {
                continue;
            }

            highlights.Add(new SearchHighlight(field, snippet));
        }

        return highlights;
    }

    private static string? Snippet(string text, IReadOnlyList<string> terms)
    {
        var first = terms
            .Select(t => (Term: t, At: text.IndexOf(t, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.At >= 0)
            .OrderBy(m => m.At)
            .FirstOrDefault();
        if (first.Term is null)
        {
            return null;
        }

        var start = Math.Max(0, first.At - 40);
        var window = text.Substring(start, Math.Min(120, text.Length - start));
        var marked = new StringBuilder();
        var plain = 0;
        for (var i = 0; i < window.Length;)
        {
            var match = terms
                .Where(t => t.Length > 0 && i + t.Length <= window.Length && string.Compare(window, i, t, 0, t.Length, StringComparison.OrdinalIgnoreCase) == 0)
                .OrderByDescending(t => t.Length)
                .FirstOrDefault();
            if (match is null)
            {
                i++;
                continue;
            }

            marked.Append(WebUtility.HtmlEncode(window[plain..i])).Append("<em>").Append(WebUtility.HtmlEncode(window.Substring(i, match.Length))).Append("</em>");
            i += match.Length;
            plain = i;
        }

        marked.Append(WebUtility.HtmlEncode(window[plain..]));
        return marked.ToString();
    }
}
