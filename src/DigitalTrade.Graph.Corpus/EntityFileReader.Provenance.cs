using DigitalTrade.Graph.Model;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// Provenance per fact: a source is the report (a heading path, the default) or general knowledge
/// (<c>origin: general</c> with a <c>reference</c>). Relations and figures say so on their entry; an entity's
/// <c>sources</c> entries name the facts they vouch for in <c>about</c>; dates the report does not give are
/// written <c>not_given</c>.
/// </summary>
internal sealed partial class EntityFileReader
{
    /// <summary>The free-text marker used before provenance was structured; a note that still starts with it is an error.</summary>
    internal const string GeneralKnowledgeNote = "general knowledge (not in the report)";

    /// <summary>A date the report does not give, written in place of the date.</summary>
    internal const string NotGiven = "not_given";

    private static readonly string[] Origins = ["report", "general"];

    /// <summary>What <c>about</c> may name besides the facets, <c>dates.&lt;name&gt;</c> and <c>aliases.&lt;alias&gt;</c>.</summary>
    private static readonly string[] AboutFields = ["name.zh", "name.en", "summary", "narrative", "identity"];

    /// <summary>A <c>source:</c> on a relation or figure, or an entry of <c>sources</c> (then <paramref name="aliases"/> is given and <c>about</c> allowed).</summary>
    private SourceRef? ReadSource(YamlNode node, string field, IReadOnlyList<string>? aliases = null)
    {
        if (_yaml.Mapping(node, field) is not { } mapping)
        {
            return null;
        }

        var entry = aliases is not null;
        var fields = _yaml.Fields(
            mapping,
            $"'{field}'",
            f => f is "section" or "table" or "note" or "origin" or "reference" || (entry && f == "about"),
            entry ? "section, table, note, origin, reference, about" : "section, table, note, origin, reference");
        var source = ReadOrigin(new SourceRef(Text(fields, "section"), Text(fields, "table"), Text(fields, "note")), fields);
        if (entry && fields.TryGetValue("about", out var about))
        {
            source = source with { About = ReadAbout(about.Value, aliases!) };
        }

        return CheckSource(source, mapping, field, requireAbout: entry) ? source : null;
    }

    /// <summary>
    /// The source of a relation or figure entry: its <c>source:</c> mapping with the entry's own <c>origin</c> and
    /// <c>reference</c> (the short form editors write beside <c>target</c> or <c>value</c>).
    /// </summary>
    private SourceRef? ReadEntrySource(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlNode entry, string context)
    {
        if (!fields.ContainsKey("origin") && !fields.ContainsKey("reference"))
        {
            return fields.TryGetValue("source", out var only) ? ReadSource(only.Value, "source") : null;
        }

        SourceRef? inner = null;
        if (fields.TryGetValue("source", out var s) && _yaml.Mapping(s.Value, "source") is { } mapping)
        {
            var parts = _yaml.Fields(mapping, "'source'", f => f is "section" or "table" or "note", "section, table, note");
            inner = new SourceRef(Text(parts, "section"), Text(parts, "table"), Text(parts, "note"));
        }

        var source = ReadOrigin(inner ?? new SourceRef(null), fields);
        return CheckSource(source, entry, context, requireAbout: false) ? source : null;
    }

    /// <summary>A relation's or figure's <c>note</c>, refused while it still carries the free-text marker.</summary>
    private string? ReadNote(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, SourceRef? source)
    {
        if (!fields.TryGetValue("note", out var node) || _yaml.Scalar(node.Value, "note") is not { } note)
        {
            return null;
        }

        if (source?.Origin != SourceOrigin.General && note.StartsWith(GeneralKnowledgeNote, StringComparison.OrdinalIgnoreCase))
        {
            MarkerError(node.Value);
        }

        return note;
    }

    private SourceRef ReadOrigin(SourceRef source, Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (fields.TryGetValue("origin", out var o) && _yaml.Scalar(o.Value, "origin") is { } origin)
        {
            if (Origins.Contains(origin))
            {
                source = source with { Origin = origin == "general" ? SourceOrigin.General : SourceOrigin.Report };
            }
            else
            {
                _draft.Bag.Error(_yaml.At(o.Value), DiagnosticCodes.InvalidValue, $"'{origin}' is not a valid origin (allowed: {string.Join(", ", Origins)})");
            }
        }

        return Text(fields, "reference") is { } reference ? source with { Reference = reference } : source;
    }

    private bool CheckSource(SourceRef source, YamlNode at, string field, bool requireAbout)
    {
        var valid = true;
        void Problem(string code, string message)
        {
            _draft.Bag.Error(_yaml.At(at), code, message);
            valid = false;
        }

        if (source.Origin == SourceOrigin.Report)
        {
            if (source.Section is null)
            {
                Problem(DiagnosticCodes.MissingField, $"'{field}' needs a 'section' (the report's heading path), or 'origin: general' with a 'reference'");
            }

            if (source.Reference is not null)
            {
                Problem(DiagnosticCodes.GeneralKnowledge, "'reference' is for facts from general knowledge: add 'origin: general', or drop the reference (the report's section is the source)");
            }

            if (source.Note?.StartsWith(GeneralKnowledgeNote, StringComparison.OrdinalIgnoreCase) == true)
            {
                MarkerError(at);
                valid = false;
            }
        }
        else
        {
            if (source.Reference is null)
            {
                Problem(DiagnosticCodes.GeneralKnowledge, "a fact from general knowledge needs a 'reference': where it can be checked (the treaty text, the body's own site …)");
            }

            if (requireAbout && source.About.Count == 0)
            {
                Problem(DiagnosticCodes.GeneralKnowledge, "a general-knowledge source needs 'about': the facts it vouches for (status, name.en, dates.signed, aliases.<alias> …)");
            }
        }

        return valid;
    }

    private void MarkerError(YamlNode at) =>
        _draft.Bag.Error(_yaml.At(at), DiagnosticCodes.GeneralKnowledge,
            $"the note marks general knowledge in free text: write 'origin: general' and 'reference: …' instead (tools/corpus-migrate/provenance.py converts old notes)");

    /// <summary><c>about</c>: facet fields, <c>name.zh|en</c>, <c>summary</c>, <c>narrative</c>, <c>identity</c>, <c>dates.&lt;name&gt;</c> or <c>aliases.&lt;alias&gt;</c>.</summary>
    private List<string> ReadAbout(YamlNode node, IReadOnlyList<string> aliases)
    {
        var about = new List<string>();
        foreach (var (value, item) in _yaml.ScalarList(node, "about"))
        {
            var valid = value switch
            {
                _ when AboutFields.Contains(value) || _schema.Facets.ContainsKey(value) => true,
                _ when value.StartsWith("dates.", StringComparison.Ordinal) => _schema.DateNames.Contains(value["dates.".Length..]),
                _ when value.StartsWith("aliases.", StringComparison.Ordinal) => aliases.Contains(value["aliases.".Length..]),
                _ => false,
            };
            if (valid)
            {
                about.Add(value);
                continue;
            }

            var allowed = AboutFields.Concat(_schema.Facets.Keys).Concat(_schema.DateNames.Select(d => "dates." + d)).Concat(aliases.Select(a => "aliases." + a)).ToList();
            _draft.Bag.Error(_yaml.At(item), DiagnosticCodes.InvalidValue,
                $"'about' cannot name '{value}'{_draft.Bag.Suggest(value, allowed)}: it names facts of this entity (a facet such as status, name.zh, name.en, summary, narrative, identity, dates.<a date of the kind>, aliases.<one of its aliases>)");
        }

        return about;
    }

    private string? Text(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string name) =>
        fields.TryGetValue(name, out var node) ? _yaml.Scalar(node.Value, name) : null;
}
