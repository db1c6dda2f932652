using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A relation as written in a file, before its target is known to exist.</summary>
internal sealed record RelationDraft(RelationType Type, string Target, RelationProperties Properties, Position At);

/// <summary>A reference to another entity from a table row (the row's economy).</summary>
internal sealed record KeyReference(string Target, EntityKind ExpectedKind, Position At);

/// <summary>A figure in the text that says which table value it restates, so the two can be compared.</summary>
internal sealed record FigureMatch(string Value, string Indicator, string Series, string Economy, string Period, Position At);

/// <summary>One file's entity as read, with the positions the cross-file checks need.</summary>
internal sealed class EntityDraft(string key, EntityKind kind, DiagnosticBag bag)
{
    public string Key { get; } = key;

    public EntityKind Kind { get; } = kind;

    public DiagnosticBag Bag { get; } = bag;

    public Entity? Entity { get; set; }

    public NarrativeDraft? Narrative { get; set; }

    /// <summary>The narrative's entity links as relations (mentions): what the cross-file checks need of the narrative.</summary>
    public IEnumerable<RelationDraft> BodyLinks => _bodyLinks
        ?? Narrative?.Links.Select(l => new RelationDraft(RelationType.Mentions, l.Key, RelationProperties.None with { Origin = RelationOrigin.BodyLink }, l.At))
        ?? [];

    private List<RelationDraft>? _bodyLinks;

    /// <summary>
    /// Keeps the links and lets the parsed narrative go: a draft kept between loads (serve --watch) would otherwise hold
    /// the file's Markdown syntax tree, gigabytes over 100k files.
    /// </summary>
    public void DropParsedNarrative()
    {
        _bodyLinks = [.. BodyLinks];
        Narrative = null;
    }

    public List<RelationDraft> Relations { get; } = [];

    public List<KeyReference> References { get; } = [];

    public List<FigureMatch> FigureMatches { get; } = [];

    /// <summary>Every key the file points at: relation targets, narrative links, table economies and restated tables.</summary>
    public IEnumerable<string> Targets =>
        Relations.Select(r => r.Target).Concat(BodyLinks.Select(l => l.Target)).Concat(References.Select(r => r.Target)).Concat(FigureMatches.Select(f => f.Indicator));

    /// <summary>Names and aliases people search by, which must not collide with another entity's.</summary>
    public List<(string Label, bool IsAlias, Position At)> Labels { get; } = [];
}
