using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus;

/// <summary>Reads one entity file: front matter facts and relations, then the narrative.</summary>
internal sealed partial class EntityFileReader
{
    private readonly EntityDraft _draft;
    private readonly YamlFields _yaml;
    private readonly KindSchema _schema;

    private EntityFileReader(EntityDraft draft, int yamlFirstLine)
    {
        _draft = draft;
        _yaml = new YamlFields(draft.Bag, yamlFirstLine - 1);
        _schema = KindSchemas.For(draft.Kind);
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SeriesIdPattern();

    /// <summary>
    /// Reads one file's text. Only a front matter that cannot be split or parsed stops the front matter's
    /// checks; the narrative is checked whatever the front matter holds, so an editor sees every problem at once.
    /// </summary>
    public static void Read(EntityDraft draft, string text, string filePath, string corpusRoot, IReadOnlySet<string> keys, CorpusLimits limits)
    {
        var file = FrontMatter.Split(text, draft.Bag);
        if (file is null)
        {
            return;
        }

        var reader = new EntityFileReader(draft, file.YamlFirstLine);
        var mapping = reader.ParseYaml(file.Yaml, limits);
        draft.Narrative = NarrativeReader.Read(file, filePath, corpusRoot, draft.Bag, keys, limits.MaxMarkdownNesting);
        if (draft.Narrative is { IsEmpty: true })
        {
            draft.Bag.Warning(file.BodyFirstLine, 1, DiagnosticCodes.EmptyNarrative, "the narrative body is empty");
        }

        if (mapping is not null)
        {
            // Rendered here, while files are read in parallel: every key is known, so links are already checked.
            var entity = reader.ReadEntity(mapping);
            draft.Entity = entity is not null && draft.Narrative is not null ? entity with { Narrative = draft.Narrative.Render() } : null;
            reader.ReportPlaceholders(mapping, file);
        }

        draft.Narrative?.Release();
    }

    /// <summary>Template text left in a file is legal but not publishable: say where it is.</summary>
    private void ReportPlaceholders(YamlMappingNode root, FrontMatter file)
    {
        // A value holds the placeholder only if the text does, or an escape could spell it: walking every node of 100k
        // files to find nothing cost a tenth of reading them.
        if (file.Yaml.Contains(EntityTemplates.Placeholder, StringComparison.Ordinal) || file.Yaml.Contains('\\', StringComparison.Ordinal))
        {
            foreach (var scalar in root.AllNodes.OfType<YamlScalarNode>())
            {
                if (scalar.Value?.Contains(EntityTemplates.Placeholder, StringComparison.Ordinal) == true)
                {
                    _draft.Bag.Warning(_yaml.At(scalar), DiagnosticCodes.Placeholder, $"'{scalar.Value}' still holds template text");
                }
            }
        }

        if (!file.Body.Contains(EntityTemplates.Placeholder, StringComparison.Ordinal))
        {
            return;
        }

        var lines = file.Body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(EntityTemplates.Placeholder, StringComparison.Ordinal);
            if (column >= 0)
            {
                _draft.Bag.Warning(file.BodyFirstLine + i, column + 1, DiagnosticCodes.Placeholder, "the narrative still holds template text");
            }
        }
    }

    private YamlMappingNode? ParseYaml(string yaml, CorpusLimits limits)
    {
        var stream = new YamlStream();
        try
        {
            // The common subset is read by a fast pass; anything else by YamlDotNet. Both are bounded the same way.
            var events = CommonYamlParser.TryParse(yaml, limits.MaxYamlNodes) ?? new Parser(new StringReader(yaml));
            stream.Load(new BoundedYamlParser(events, limits.MaxYamlDepth, limits.MaxYamlNodes));
        }
        catch (YamlLimitException e)
        {
            _draft.Bag.Error((int)e.At.Line + _yaml.LineOffset, (int)e.At.Column, e.Code, e.Message);
            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            _draft.Bag.Error((int)e.Start.Line + _yaml.LineOffset, (int)e.Start.Column, DiagnosticCodes.MalformedYaml, $"front matter is not valid YAML: {message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet gives up on some malformed input with these instead of a YamlException (found by fuzzing).
            _draft.Bag.Error(_yaml.LineOffset + 1, 1, DiagnosticCodes.MalformedYaml, $"front matter is not valid YAML: {e.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            _draft.Bag.Error(2, 1, DiagnosticCodes.WrongShape, "the front matter must be a mapping of fields (kind, name, …)");
            return null;
        }

        return mapping;
    }

    private Entity? ReadEntity(YamlMappingNode root)
    {
        var allowed = string.Join(", ", KindSchemas.CommonFields.Concat(_schema.Facets.Keys).Concat(_schema.ExtraFields));
        var fields = _yaml.Fields(root, $"a {_draft.Kind.Info().Name}", _schema.Knows, allowed);
        var rootAt = _yaml.At(root);

        foreach (var required in new[] { "kind", "name" }.Concat(_schema.RequiredFields))
        {
            if (!fields.ContainsKey(required))
            {
                _draft.Bag.Error(rootAt, DiagnosticCodes.MissingField, $"required field '{required}' is missing");
            }
        }

        if (fields.TryGetValue("kind", out var kindField) && _yaml.Scalar(kindField.Value, "kind") is { } kindName)
        {
            var declared = EntityKinds.FromName(kindName);
            if (declared is null)
            {
                _draft.Bag.Error(_yaml.At(kindField.Value), DiagnosticCodes.UnknownKind,
                    $"unknown kind '{kindName}' (kinds: {string.Join(", ", EntityKinds.All.Select(k => k.Name))})");
            }
            else if (declared.Kind != _draft.Kind)
            {
                _draft.Bag.Error(_yaml.At(kindField.Value), DiagnosticCodes.KindFolderMismatch,
                    $"kind '{kindName}' does not belong in folder '{_draft.Kind.Info().Folder}/' (move the file to '{declared.Folder}/' or set kind: {_draft.Kind.Info().Name})");
            }
        }

        var name = fields.TryGetValue("name", out var nameField) ? ReadLocalized(nameField.Value, "name", required: true) : null;
        if (name is not null)
        {
            _draft.Labels.Add((name.Zh, false, _yaml.At(nameField.Value)));
            _draft.Labels.Add((name.En, false, _yaml.At(nameField.Value)));
        }

        var aliases = new List<string>();
        if (fields.TryGetValue("aliases", out var aliasField))
        {
            foreach (var (alias, node) in _yaml.ScalarList(aliasField.Value, "aliases"))
            {
                aliases.Add(alias);
                _draft.Labels.Add((alias, true, _yaml.At(node)));
            }
        }

        var summary = fields.TryGetValue("summary", out var summaryField) ? ReadLocalized(summaryField.Value, "summary", required: true) : null;
        if (summary is null && !fields.ContainsKey("summary"))
        {
            _draft.Bag.Warning(rootAt, DiagnosticCodes.MissingProvenance, "no 'summary': add one paragraph in Chinese and English");
        }

        var facets = new Dictionary<string, string>();
        foreach (var (facet, values) in _schema.Facets)
        {
            if (fields.TryGetValue(facet, out var field) && _yaml.Scalar(field.Value, facet) is { } value)
            {
                if (values.Contains(value))
                {
                    facets[facet] = value;
                }
                else
                {
                    _draft.Bag.Error(_yaml.At(field.Value), DiagnosticCodes.InvalidValue,
                        $"'{value}' is not a valid {facet} for a {_draft.Kind.Info().Name} (allowed: {string.Join(", ", values)})");
                }
            }
        }

        var (dates, datesNotGiven) = fields.TryGetValue("dates", out var datesField) ? ReadDates(datesField.Value) : ([], []);
        if (_draft.Kind is EntityKind.Policy or EntityKind.Agreement && dates.Count == 0 && datesNotGiven.Count == 0)
        {
            // Every policy and agreement says its dates or that the report gives none, so a reader can tell "not in the report" from "not yet entered".
            var first = _draft.Kind == EntityKind.Policy ? "issued" : "signed";
            _draft.Bag.Error(datesField.Value is { } at ? _yaml.At(at) : rootAt, DiagnosticCodes.DatesNotStated,
                $"{(_draft.Kind == EntityKind.Agreement ? "an agreement" : "a policy")} states its dates: the date the report gives ('{first}: 2024-05') or, when it gives none, '{first}: {NotGiven}'");
        }

        if (fields.TryGetValue("relations", out var relationsField))
        {
            ReadRelations(relationsField.Value);
        }

        var figures = fields.TryGetValue("figures", out var figuresField) ? ReadFigures(figuresField.Value) : [];
        var sources = fields.TryGetValue("sources", out var sourcesField)
            ? _yaml.Sequence(sourcesField.Value, "sources").Select(n => ReadSource(n, "sources", aliases)).OfType<SourceRef>().ToList()
            : [];
        if (sources.Count == 0)
        {
            _draft.Bag.Warning(rootAt, DiagnosticCodes.MissingProvenance, "no 'sources': say which report section (and table) the facts come from");
        }

        var indicator = _draft.Kind == EntityKind.Indicator ? ReadIndicator(fields) : null;
        if (name is null)
        {
            return null;
        }

        return new Entity(_draft.Key, _draft.Kind, name, aliases, summary, Narrative.Empty, dates, figures, sources)
        {
            Status = facets.GetValueOrDefault("status"),
            Category = facets.GetValueOrDefault("type"),
            Level = facets.GetValueOrDefault("level"),
            Theme = facets.GetValueOrDefault("theme"),
            Indicator = indicator,
            DatesNotGiven = datesNotGiven,
        };
    }

    private LocalizedText? ReadLocalized(YamlNode node, string field, bool required)
    {
        if (_yaml.Mapping(node, field) is not { } mapping)
        {
            return null;
        }

        var parts = _yaml.Fields(mapping, $"'{field}'", f => f is "zh" or "en", "zh, en");
        string? Part(string language)
        {
            if (parts.TryGetValue(language, out var part))
            {
                return _yaml.Scalar(part.Value, $"{field}.{language}");
            }

            if (required)
            {
                _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.MissingField, $"'{field}.{language}' is missing");
            }

            return null;
        }

        var zh = Part("zh");
        var en = Part("en");
        return zh is null || en is null ? null : new LocalizedText(zh, en);
    }

    /// <summary>The named dates, and the names written <c>not_given</c> (the report gives no such date).</summary>
    private (List<DatedEvent> Dates, List<string> NotGiven) ReadDates(YamlNode node)
    {
        var dates = new List<DatedEvent>();
        var notGiven = new List<string>();
        if (_yaml.Mapping(node, "dates") is not { } mapping)
        {
            return (dates, notGiven);
        }

        var allowed = _schema.DateNames.Length == 0 ? "none for this kind" : string.Join(", ", _schema.DateNames);
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (name, (_, value)) in _yaml.Fields(mapping, "'dates'", _schema.DateNames.Contains, allowed))
        {
            nodes[name] = value;
            if (value is YamlScalarNode { Value: NotGiven })
            {
                notGiven.Add(name);
            }
            else if (ReadDate(value, $"dates.{name}") is { } date)
            {
                dates.Add(new DatedEvent(name, date));
            }
        }

        CheckSpan(dates, nodes);
        return (dates, notGiven);
    }

    /// <summary>An event's end needs its start and cannot precede it (partial dates: the end's last day before the start's first).</summary>
    private void CheckSpan(List<DatedEvent> dates, Dictionary<string, YamlNode> nodes)
    {
        if (!nodes.TryGetValue("end", out var endNode))
        {
            return;
        }

        if (!nodes.ContainsKey("start"))
        {
            _draft.Bag.Error(_yaml.At(endNode), DiagnosticCodes.MissingField, "'dates.end' needs 'dates.start': an event's span begins with its start");
            return;
        }

        var start = dates.FirstOrDefault(d => d.Name == "start")?.Date;
        var end = dates.FirstOrDefault(d => d.Name == "end")?.Date;
        if (start is { } from && end is { } to && to.End < from.Start)
        {
            _draft.Bag.Error(_yaml.At(endNode), DiagnosticCodes.BadDate, $"'dates.end' {to} is before 'dates.start' {from}");
        }
    }

    private PartialDate? ReadDate(YamlNode node, string field)
    {
        if (_yaml.Scalar(node, field) is not { } text)
        {
            return null;
        }

        if (PartialDate.TryParse(text, out var date))
        {
            return date;
        }

        _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.BadDate, $"'{text}' is not a valid date for '{field}' (use 2024, 2024-05 or 2024-05-21)");
        return null;
    }

    private void ReadRelations(YamlNode node)
    {
        if (_yaml.Mapping(node, "relations") is not { } mapping)
        {
            return;
        }

        foreach (var (typeNode, targets) in mapping.Children)
        {
            var typeName = (typeNode as YamlScalarNode)?.Value ?? string.Empty;
            var type = RelationTypes.FromName(typeName);
            if (type is null)
            {
                var names = RelationTypes.All.Select(t => t.Name).ToList();
                _draft.Bag.Error(_yaml.At(typeNode), DiagnosticCodes.UnknownRelationType,
                    $"unknown relation type '{typeName}'{_draft.Bag.Suggest(typeName.ToUpperInvariant(), names)} (types: {string.Join(", ", names)})");
                continue;
            }

            var items = targets is YamlSequenceNode sequence ? sequence.Children : (IList<YamlNode>)[targets];
            foreach (var item in items)
            {
                if (item is YamlMappingNode entry)
                {
                    ReadRelationEntry(type.Type, entry);
                }
                else if (_yaml.Scalar(item, typeName) is { } target)
                {
                    _draft.Relations.Add(new RelationDraft(type.Type, target, RelationProperties.None, _yaml.At(item)));
                }
            }
        }
    }

    private void ReadRelationEntry(RelationType type, YamlMappingNode entry)
    {
        var fields = _yaml.Fields(entry, "a relation", f => f is "target" or "date" or "role" or "note" or "source" or "origin" or "reference", "target, date, role, note, source, origin, reference");
        if (!fields.TryGetValue("target", out var targetField))
        {
            _draft.Bag.Error(_yaml.At(entry), DiagnosticCodes.MissingField, "a relation entry needs a 'target' key");
            return;
        }

        if (_yaml.Scalar(targetField.Value, "target") is not { } target)
        {
            return;
        }

        var source = ReadEntrySource(fields, entry, "a relation");
        var properties = new RelationProperties(
            fields.TryGetValue("date", out var date) ? ReadDate(date.Value, "date") : null,
            fields.TryGetValue("role", out var role) ? _yaml.Scalar(role.Value, "role") : null,
            ReadNote(fields, source),
            source,
            RelationOrigin.FrontMatter);
        _draft.Relations.Add(new RelationDraft(type, target, properties, _yaml.At(targetField.Value)));
    }

    private List<Figure> ReadFigures(YamlNode node)
    {
        var figures = new List<Figure>();
        foreach (var item in _yaml.Sequence(node, "figures"))
        {
            if (_yaml.Mapping(item, "figures") is not { } mapping)
            {
                continue;
            }

            var fields = _yaml.Fields(mapping, "a figure", f => f is "name" or "value" or "unit" or "period" or "qualifier" or "source" or "matches" or "origin" or "reference",
                "name, value, unit, period, qualifier, source, matches, origin, reference");
            var name = fields.TryGetValue("name", out var n) ? ReadLocalized(n.Value, "name", required: true) : null;
            var value = fields.TryGetValue("value", out var v) ? ReadNumber(v.Value, "value") : null;
            foreach (var required in new[] { "name", "value" }.Where(r => !fields.ContainsKey(r)))
            {
                _draft.Bag.Error(_yaml.At(item), DiagnosticCodes.MissingField, $"a figure needs '{required}'");
            }

            var period = fields.TryGetValue("period", out var p) ? ReadPeriod(p.Value) : null;
            string? qualifier = null;
            if (fields.TryGetValue("qualifier", out var q) && _yaml.Scalar(q.Value, "qualifier") is { } qualifierText)
            {
                if (KindSchemas.Qualifiers.Contains(qualifierText))
                {
                    qualifier = qualifierText;
                }
                else
                {
                    _draft.Bag.Error(_yaml.At(q.Value), DiagnosticCodes.InvalidValue,
                        $"'{qualifierText}' is not a valid qualifier (allowed: {string.Join(", ", KindSchemas.Qualifiers)})");
                }
            }

            if (fields.TryGetValue("matches", out var matches) && value is not null)
            {
                ReadFigureMatch(matches.Value, value, period);
            }

            if (name is not null && value is not null)
            {
                figures.Add(new Figure(
                    name,
                    value,
                    fields.TryGetValue("unit", out var u) ? _yaml.Scalar(u.Value, "unit") : null,
                    period,
                    qualifier,
                    ReadEntrySource(fields, mapping, "a figure")));
            }
        }

        return figures;
    }

    /// <summary><c>matches: { indicator, series, economy, period }</c>: the table value this figure restates (period defaults to the figure's).</summary>
    private void ReadFigureMatch(YamlNode node, string value, string? figurePeriod)
    {
        if (_yaml.Mapping(node, "matches") is not { } mapping)
        {
            return;
        }

        var fields = _yaml.Fields(mapping, "'matches'", f => f is "indicator" or "series" or "economy" or "period", "indicator, series, economy, period");
        string? Text(string field)
        {
            if (fields.TryGetValue(field, out var f))
            {
                return _yaml.Scalar(f.Value, field);
            }

            _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.MissingField, $"'matches' needs '{field}'");
            return null;
        }

        var period = fields.TryGetValue("period", out var p) ? ReadPeriod(p.Value) : figurePeriod;
        if (period is null && !fields.ContainsKey("period"))
        {
            _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.MissingField, "'matches' needs a 'period' when the figure has none");
        }

        if (Text("indicator") is { } indicator && Text("series") is { } series && Text("economy") is { } economy && period is not null)
        {
            _draft.FigureMatches.Add(new FigureMatch(value, indicator, series, economy, period, _yaml.At(node)));
        }
    }

    private string? ReadNumber(YamlNode node, string field)
    {
        if (_yaml.Scalar(node, field) is not { } text)
        {
            return null;
        }

        if (!NumberPattern().IsMatch(text))
        {
            _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.NotANumber, $"'{text}' is not a number (write it as printed, e.g. 4067.2, without units or separators)");
            return null;
        }

        // The table checks divide and sum these as decimals: bounded digits keep that arithmetic from overflowing.
        var decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        if (text.Count(char.IsAsciiDigit) > 15 || decimals > 6)
        {
            _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.NotANumber, $"'{text}' has more digits than a printed figure (at most 15 digits, 6 of them after the point)");
            return null;
        }

        return text;
    }

    private string? ReadPeriod(YamlNode node)
    {
        if (_yaml.Scalar(node, "period") is not { } text)
        {
            return null;
        }

        if (Periods.IsValid(text))
        {
            return text;
        }

        _draft.Bag.Error(_yaml.At(node), DiagnosticCodes.BadDate, $"'{text}' is not a valid period (use 2024, 2024-05, 2024-H1, 2024-Q3 or 2020/2024)");
        return null;
    }

    private IndicatorTable? ReadIndicator(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        string? Text(string field) => fields.TryGetValue(field, out var f) ? _yaml.Scalar(f.Value, field) : null;
        var table = Text("table");
        var unit = Text("unit");
        var series = new List<IndicatorSeries>();
        if (fields.TryGetValue("series", out var seriesField))
        {
            foreach (var item in _yaml.Sequence(seriesField.Value, "series"))
            {
                if (ReadSeries(item, series) is { } s)
                {
                    series.Add(s);
                }
            }
        }

        var observations = new List<Observation>();
        var cells = new Dictionary<(string Period, string Economy), Dictionary<string, PrintedCell>>();
        if (fields.TryGetValue("rows", out var rowsField))
        {
            foreach (var row in _yaml.Sequence(rowsField.Value, "rows"))
            {
                ReadRow(row, series, cells, observations);
            }
        }

        if (fields.TryGetValue("checks", out var checks) && table is not null)
        {
            new IndicatorChecks(_yaml, table, cells).Run(checks.Value, series.Select(s => s.Id).ToHashSet());
        }

        return table is null || unit is null ? null : new IndicatorTable(table, unit, Text("data_source"), Text("notes"), series, observations);
    }

    private IndicatorSeries? ReadSeries(YamlNode item, List<IndicatorSeries> existing)
    {
        if (_yaml.Mapping(item, "series") is not { } mapping)
        {
            return null;
        }

        var fields = _yaml.Fields(mapping, "a series", f => f is "id" or "name" or "unit", "id, name, unit");
        var id = fields.TryGetValue("id", out var i) ? _yaml.Scalar(i.Value, "id") : null;
        var name = fields.TryGetValue("name", out var n) ? ReadLocalized(n.Value, "name", required: true) : null;
        var unit = fields.TryGetValue("unit", out var u) ? _yaml.Scalar(u.Value, "unit") : null;
        foreach (var required in new[] { "id", "name", "unit" }.Where(r => !fields.ContainsKey(r)))
        {
            _draft.Bag.Error(_yaml.At(item), DiagnosticCodes.MissingField, $"a series needs '{required}'");
        }

        if (id is null)
        {
            return null;
        }

        if (!SeriesIdPattern().IsMatch(id) || id is "period" or "economy")
        {
            _draft.Bag.Error(_yaml.At(i.Value), DiagnosticCodes.IndicatorTable, $"series id '{id}' must be lower-case snake_case and not 'period' or 'economy'");
            return null;
        }

        if (existing.Any(s => s.Id == id))
        {
            _draft.Bag.Error(_yaml.At(i.Value), DiagnosticCodes.IndicatorTable, $"series id '{id}' is defined twice");
            return null;
        }

        return name is null || unit is null ? null : new IndicatorSeries(id, name, unit);
    }

    private void ReadRow(YamlNode row, List<IndicatorSeries> series, Dictionary<(string Period, string Economy), Dictionary<string, PrintedCell>> cells, List<Observation> observations)
    {
        if (_yaml.Mapping(row, "rows") is not { } mapping)
        {
            return;
        }

        var ids = series.Select(s => s.Id).ToHashSet();
        var fields = _yaml.Fields(mapping, "a row", f => f is "period" or "economy" || ids.Contains(f),
            "period, economy, " + (ids.Count == 0 ? "(no series defined)" : string.Join(", ", ids)));
        var period = fields.TryGetValue("period", out var p) ? ReadPeriod(p.Value) : null;
        var economy = fields.TryGetValue("economy", out var e) ? _yaml.Scalar(e.Value, "economy") : null;
        foreach (var required in new[] { "period", "economy" }.Where(r => !fields.ContainsKey(r)))
        {
            _draft.Bag.Error(_yaml.At(row), DiagnosticCodes.MissingField, $"a row needs '{required}'");
        }

        if (period is null || economy is null)
        {
            return;
        }

        _draft.References.Add(new KeyReference(economy, EntityKind.Economy, _yaml.At(e.Value)));
        if (!cells.TryAdd((period, economy), []))
        {
            _draft.Bag.Error(_yaml.At(row), DiagnosticCodes.IndicatorTable, $"a row for period {period} and economy '{economy}' already exists");
            return;
        }

        foreach (var s in series)
        {
            if (fields.TryGetValue(s.Id, out var cell) && ReadNumber(cell.Value, s.Id) is { } value)
            {
                observations.Add(new Observation(s.Id, period, economy, value));
                cells[(period, economy)][s.Id] = new PrintedCell(value, _yaml.At(cell.Value));
            }
        }
    }
}
