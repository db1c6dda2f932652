using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

public static partial class CorpusLoader
{
    /// <summary>
    /// The checks across files — names and aliases, relation and reference targets, figures against tables — and the relations
    /// they resolve, per file and in parallel (each file's diagnostics go to its own bag, in the order the checks run).
    /// A file's results depend on its own draft, the set of keys, the files that share a name or alias with it and the files
    /// its relations, links and figures lead to. So when the set of keys is unchanged (<paramref name="reread"/> given), only
    /// the files read again and the files whose results one of them can change are checked again; every other file keeps its
    /// diagnostics and relations from the last load, which are what checking it again would give.
    /// </summary>
    /// <param name="reread">The positions in <paramref name="reads"/> read again; null when every file was (nothing is kept).</param>
    /// <param name="previous">The last load's state (its drafts give the names and aliases a re-read file had before).</param>
    /// <returns>The relations, in file order.</returns>
    private static List<Relation> CheckAcrossFiles(FileRead[] reads, IReadOnlySet<string> keys, IReadOnlyList<int>? reread, CorpusReadState? previous)
    {
        var byKey = new Dictionary<string, EntityDraft>(reads.Length, StringComparer.Ordinal);
        foreach (var read in reads)
        {
            if (read.Draft is { Entity: not null } draft)
            {
                byKey[draft.Key] = draft;
            }
        }

        var check = new bool[reads.Length];
        FewStrings? wantedLabels = null;
        if (reread is null)
        {
            Array.Fill(check, true);
        }
        else
        {
            // What a re-read file can change in another file's results: the owner of a name or alias it had or has now, and
            // whether an entity it stands for exists, its kind and its table.
            var changedKeys = new List<string>();
            var changedLabels = new List<string>();
            foreach (var i in reread)
            {
                check[i] = true;
                if (reads[i].Draft is { } draft)
                {
                    changedKeys.Add(draft.Key);
                    changedLabels.AddRange(draft.Labels.Select(l => l.Label));
                }

                if (previous!.Files.GetValueOrDefault(reads[i].File.Relative)?.Draft is { } before)
                {
                    changedLabels.AddRange(before.Labels.Select(l => l.Label));
                }
            }

            var (keysChanged, labelsChanged) = (new FewStrings(changedKeys, ignoreCase: false), new FewStrings(changedLabels, ignoreCase: true));
            Parallel.For(0, reads.Length, i => check[i] |= reads[i].Relations is null || (reads[i].Draft is { } draft && DependsOn(draft, keysChanged, labelsChanged)));
            wantedLabels = new FewStrings(Enumerable.Range(0, reads.Length).Where(i => check[i] && reads[i].Draft is not null).SelectMany(i => reads[i].Draft!.Labels.Select(l => l.Label)), ignoreCase: true);
        }

        var owners = LabelOwners(reads, wantedLabels);
        Parallel.For(0, reads.Length, i =>
        {
            if (!check[i])
            {
                return;
            }

            reads[i].Bag.ForgetCrossFile();
            if (reads[i].Draft is not { } draft)
            {
                reads[i] = reads[i] with { Relations = [] };
                return;
            }

            ReportDuplicateLabels(draft, owners);
            var relations = ResolveRelations(draft, keys, byKey);
            CompareFiguresWithTables(draft, keys, byKey);
            reads[i] = reads[i] with { Relations = draft.Entity is null ? [] : relations };
        });

        var all = new List<Relation>(reads.Sum(r => r.Relations!.Count));
        foreach (var read in reads)
        {
            all.AddRange(read.Relations!);
        }

        return all;
    }

    /// <summary>Whether a file's cross-file results can change when the entities of <paramref name="keys"/> or the owners of <paramref name="labels"/> do.</summary>
    private static bool DependsOn(EntityDraft draft, FewStrings keys, FewStrings labels) =>
        draft.Labels.Any(l => labels.Contains(l.Label)) || draft.Targets.Any(keys.Contains);

    /// <summary>
    /// Per name or alias (ignoring case; only those in <paramref name="wanted"/> when given), the file that owns it: the first in
    /// key order to write it, with whether it wrote it as an alias there.
    /// </summary>
    private static Dictionary<string, (EntityDraft Draft, bool IsAlias)> LabelOwners(FileRead[] reads, FewStrings? wanted)
    {
        var owners = new Dictionary<string, (EntityDraft Draft, bool IsAlias)>(wanted is null ? reads.Length * 4 : 0, StringComparer.OrdinalIgnoreCase);
        foreach (var read in reads)
        {
            if (read.Draft is not { } draft)
            {
                continue;
            }

            foreach (var (label, isAlias, _) in draft.Labels)
            {
                // A file writing a label twice owns it by the first time it wrote it.
                if ((wanted is null || wanted.Contains(label))
                    && (!owners.TryGetValue(label, out var owner) || string.CompareOrdinal(draft.Key, owner.Draft.Key) < 0))
                {
                    owners[label] = (draft, isAlias);
                }
            }
        }

        return owners;
    }

    /// <summary>
    /// An alias must name one entity only (DTG009). Two entities of one kind with the same name
    /// are one entity filed twice under two keys (DTG016).
    /// </summary>
    private static void ReportDuplicateLabels(EntityDraft draft, Dictionary<string, (EntityDraft Draft, bool IsAlias)> owners)
    {
        foreach (var (label, isAlias, at) in draft.Labels.DistinctBy(l => l.Label, StringComparer.OrdinalIgnoreCase))
        {
            var owner = owners[label];
            if (owner.Draft == draft)
            {
                continue;
            }

            if (isAlias || owner.IsAlias)
            {
                draft.Bag.Error(at, DiagnosticCodes.DuplicateAlias, $"'{label}' already names '{owner.Draft.Key}'; an alias must identify one entity");
            }
            else if (owner.Draft.Kind == draft.Kind)
            {
                draft.Bag.Error(at, DiagnosticCodes.DuplicateEntity, $"'{label}' is already the name of '{owner.Draft.Key}': one entity must have one key");
            }
        }
    }

    /// <summary>
    /// The file's relations whose targets exist with a kind the relation allows, once each (later copies warned about). Every file
    /// that parsed is checked, also one whose entity has errors of its own (a missing name must not hide a misspelt target).
    /// </summary>
    private static List<Relation> ResolveRelations(EntityDraft draft, IReadOnlySet<string> keys, Dictionary<string, EntityDraft> byKey)
    {
        var relations = new List<Relation>();
        var seen = new HashSet<(RelationType, string)>();
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

            if (!seen.Add((written.Type, written.Target)))
            {
                if (!fromLink)
                {
                    draft.Bag.Warning(written.At, DiagnosticCodes.RedundantRelation, $"{written.Type.Info().Name} '{written.Target}' is written twice; the first one is kept");
                }

                continue;
            }

            // The target's own key string: the snapshot keeps one string per key, and need not copy the relation to get it.
            relations.Add(new Relation(draft.Key, written.Type, target.Key, written.Properties));
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

        return relations;
    }

    /// <summary>Where the text restates a table value, the two must agree; a DTG024 warning says where the report does not.</summary>
    private static void CompareFiguresWithTables(EntityDraft draft, IReadOnlySet<string> keys, Dictionary<string, EntityDraft> byKey)
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
            else if (decimal.Parse(printed.Value, CultureInfo.InvariantCulture) != decimal.Parse(match.Value, CultureInfo.InvariantCulture))
            {
                draft.Bag.Warning(match.At, DiagnosticCodes.TextDisagreesWithTable,
                    $"the text gives {match.Value} but {table.Table} prints {printed.Value} ({match.Series}, {match.Economy}, {match.Period}); both are kept as printed");
            }
        }
    }

    /// <summary>
    /// Strings looked for among every label or target of a corpus: a watch reload's few are compared one by one, lengths first
    /// (hashing each of a million strings cost more than the checks it decides), many are hashed.
    /// </summary>
    private sealed class FewStrings
    {
        private const int CompareUpTo = 16;
        private readonly string[] _few;
        private readonly HashSet<string>? _many;
        private readonly StringComparison _comparison;

        public FewStrings(IEnumerable<string> items, bool ignoreCase)
        {
            _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var distinct = items.Distinct(comparer).ToArray();
            if (distinct.Length <= CompareUpTo)
            {
                _few = distinct;
            }
            else
            {
                _few = [];
                _many = distinct.ToHashSet(comparer);
            }
        }

        public bool Contains(string value)
        {
            if (_many is not null)
            {
                return _many.Contains(value);
            }

            // Ignoring case in .NET maps one character to one, so strings equal ignoring case have equal lengths.
            foreach (var item in _few)
            {
                if (item.Length == value.Length && string.Equals(item, value, _comparison))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
