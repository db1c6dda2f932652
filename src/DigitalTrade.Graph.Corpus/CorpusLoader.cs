using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>The outcome of reading a corpus: a snapshot when there is no error, and every diagnostic.</summary>
public sealed record CorpusLoadResult(GraphSnapshot? Snapshot, IReadOnlyList<Diagnostic> Diagnostics, int FileCount)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);

    public bool Succeeded => Snapshot is not null;

    /// <summary>The full content hash of the files read (see <see cref="CorpusFingerprint"/>); null when there is no snapshot.</summary>
    public string? Fingerprint { get; init; }
}

/// <summary>
/// Reads a corpus folder into an immutable <see cref="GraphSnapshot"/>. Every file is checked and
/// every problem reported; a corpus with any error yields no snapshot, so it is never served.
/// </summary>
public static partial class CorpusLoader
{
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <param name="root">The corpus folder.</param>
    /// <param name="displayRoot">How to print the folder in diagnostics (defaults to <paramref name="root"/> as given).</param>
    /// <param name="time">Clock for the snapshot's creation time.</param>
    /// <param name="limits">What one file may cost to read (defaults to <see cref="CorpusLimits.Default"/>).</param>
    /// <param name="progress">Told after each file is read, from the reading threads (for a progress line on large corpora).</param>
    public static CorpusLoadResult Load(string root, string? displayRoot = null, TimeProvider? time = null, CorpusLimits? limits = null, IProgress<CorpusLoadProgress>? progress = null) =>
        // One way to read a corpus: a full load is an incremental load with nothing kept (see CorpusLoader.Incremental.cs).
        LoadChanged(root, null, null, displayRoot, time, limits, progress).Result;

    private static string Display(string displayRoot, string relative) =>
        displayRoot.Length == 0 ? relative : $"{displayRoot.TrimEnd('/', '\\')}/{relative}";

    /// <summary>The kind a file's folder stands for; null (with a diagnostic) when the path is not an entity file.</summary>
    private static EntityKind? Classify(string relative, DiagnosticBag bag)
    {
        var parts = relative.Split('/');
        if (parts.Length == 1)
        {
            // The editor's guide and other notes may sit at the top of the corpus.
            if (!relative.Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                bag.Error(Position.FileStart, DiagnosticCodes.UnknownKind, "entity files belong in a kind folder (agreements/, policies/, …), not at the top of the corpus");
            }

            return null;
        }

        var folder = EntityKinds.FromFolder(parts[0]);
        if (folder is null)
        {
            bag.Error(Position.FileStart, DiagnosticCodes.UnknownKind,
                $"'{parts[0]}/' is not a kind folder{KeySuggestions.Hint(parts[0], EntityKinds.All.Select(k => k.Folder))} (folders: {string.Join(", ", EntityKinds.All.Select(k => k.Folder))})");
            return null;
        }

        if (parts.Length > 2)
        {
            bag.Error(Position.FileStart, DiagnosticCodes.InvalidKey, $"kind folders are flat: move the file directly into '{parts[0]}/'");
            return null;
        }

        var slug = parts[1][..^3];
        if (!SlugPattern().IsMatch(slug))
        {
            bag.Error(Position.FileStart, DiagnosticCodes.InvalidKey, $"file name '{parts[1]}' is not a valid key: use lower-case ASCII letters, digits and single hyphens");
            return null;
        }

        return folder.Kind;
    }

    /// <summary>
    /// An alias must name one entity only (DTG009). Two entities of one kind with the same name
    /// are one entity filed twice under two keys (DTG016).
    /// </summary>
    private static void ReportDuplicateLabels(IEnumerable<EntityDraft> drafts)
    {
        var owners = new Dictionary<string, (EntityDraft Draft, bool IsAlias)>(StringComparer.OrdinalIgnoreCase);
        foreach (var draft in drafts.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            foreach (var (label, isAlias, at) in draft.Labels.DistinctBy(l => l.Label, StringComparer.OrdinalIgnoreCase))
            {
                if (!owners.TryGetValue(label, out var owner))
                {
                    owners[label] = (draft, isAlias);
                }
                else if (owner.Draft != draft && (isAlias || owner.IsAlias))
                {
                    draft.Bag.Error(at, DiagnosticCodes.DuplicateAlias, $"'{label}' already names '{owner.Draft.Key}'; an alias must identify one entity");
                }
                else if (owner.Draft != draft && owner.Draft.Kind == draft.Kind)
                {
                    draft.Bag.Error(at, DiagnosticCodes.DuplicateEntity, $"'{label}' is already the name of '{owner.Draft.Key}': one entity must have one key");
                }
            }
        }
    }

    private static List<Relation> ResolveRelations(IEnumerable<EntityDraft> drafts, IReadOnlySet<string> keys, Dictionary<string, EntityDraft> byKey)
    {
        var relations = new List<Relation>();
        var seen = new HashSet<(string, RelationType, string)>();
        // Every file that parsed is checked, also one whose entity has errors of its own (a missing name must not hide a misspelt target).
        foreach (var draft in drafts)
        {
            foreach (var written in draft.Relations.Concat(draft.BodyLinks))
            {
                var fromLink = written.Properties.Origin == RelationOrigin.BodyLink;
                if (!keys.Contains(written.Target))
                {
                    draft.Bag.Error(written.At, DiagnosticCodes.DanglingRelation, $"relation target '{written.Target}' does not exist{draft.Bag.Suggest(written.Target, keys)}");
                    continue;
                }

                if (!byKey.TryGetValue(written.Target, out var target))
                {
                    continue; // the target file has errors of its own
                }

                if (!written.Type.Allows(draft.Kind, target.Kind))
                {
                    var info = written.Type.Info();
                    draft.Bag.Error(written.At, DiagnosticCodes.EndpointKindMismatch,
                        $"a {draft.Kind.Info().Name} cannot be {info.Name} a {target.Kind.Info().Name} ('{written.Target}'); {info.Name} goes from {string.Join("/", info.From.Select(k => k.Info().Name))} to {string.Join("/", info.To.Select(k => k.Info().Name))}");
                    continue;
                }

                if (written.Target == draft.Key)
                {
                    if (!fromLink)
                    {
                        draft.Bag.Warning(written.At, DiagnosticCodes.RedundantRelation, $"'{draft.Key}' relates to itself; the relation is ignored");
                    }

                    continue;
                }

                if (!seen.Add((draft.Key, written.Type, written.Target)))
                {
                    if (!fromLink)
                    {
                        draft.Bag.Warning(written.At, DiagnosticCodes.RedundantRelation, $"{written.Type.Info().Name} '{written.Target}' is written twice; the first one is kept");
                    }

                    continue;
                }

                if (draft.Entity is not null)
                {
                    relations.Add(new Relation(draft.Key, written.Type, written.Target, written.Properties));
                }
            }

            foreach (var reference in draft.References)
            {
                if (!keys.Contains(reference.Target))
                {
                    draft.Bag.Error(reference.At, DiagnosticCodes.DanglingRelation, $"'{reference.Target}' does not exist{draft.Bag.Suggest(reference.Target, keys)}");
                }
                else if (byKey.TryGetValue(reference.Target, out var target) && target.Kind != reference.ExpectedKind)
                {
                    draft.Bag.Error(reference.At, DiagnosticCodes.EndpointKindMismatch, $"'{reference.Target}' is a {target.Kind.Info().Name}, not a {reference.ExpectedKind.Info().Name}");
                }
            }
        }

        return relations;
    }

    /// <summary>Where the text restates a table value, the two must agree; a DTG024 warning says where the report does not.</summary>
    private static void CompareFiguresWithTables(IEnumerable<EntityDraft> drafts, IReadOnlySet<string> keys, Dictionary<string, EntityDraft> byKey)
    {
        foreach (var draft in drafts)
        {
            foreach (var match in draft.FigureMatches)
            {
                if (!keys.Contains(match.Indicator))
                {
                    draft.Bag.Error(match.At, DiagnosticCodes.DanglingRelation, $"indicator '{match.Indicator}' does not exist{draft.Bag.Suggest(match.Indicator, keys)}");
                    continue;
                }

                if (!byKey.TryGetValue(match.Indicator, out var target) || target.Entity?.Indicator is not { } table)
                {
                    if (target is not null && target.Kind != EntityKind.Indicator)
                    {
                        draft.Bag.Error(match.At, DiagnosticCodes.EndpointKindMismatch, $"'{match.Indicator}' is a {target.Kind.Info().Name}, not an indicator");
                    }

                    continue;
                }

                var printed = table.Observations.FirstOrDefault(o => o.Series == match.Series && o.Economy == match.Economy && o.Period == match.Period);
                if (printed is null)
                {
                    draft.Bag.Error(match.At, DiagnosticCodes.IndicatorTable, $"{table.Table} ('{match.Indicator}') has no {match.Series} value for '{match.Economy}' in {match.Period}");
                }
                else if (decimal.Parse(printed.Value, System.Globalization.CultureInfo.InvariantCulture) != decimal.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture))
                {
                    draft.Bag.Warning(match.At, DiagnosticCodes.TextDisagreesWithTable,
                        $"the text gives {match.Value} but {table.Table} prints {printed.Value} ({match.Series}, {match.Economy}, {match.Period}); both are kept as printed");
                }
            }
        }
    }
}
