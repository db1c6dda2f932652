using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus;

/// <summary>Typed reads of YAML nodes that report a positioned diagnostic instead of throwing.</summary>
internal sealed class YamlFields(DiagnosticBag bag, int lineOffset)
{
    public DiagnosticBag Bag { get; } = bag;

    /// <summary>Lines before the YAML text in the file: YAML positions plus this are file positions.</summary>
    public int LineOffset { get; } = lineOffset;

    public Position At(YamlNode node) => new((int)node.Start.Line + LineOffset, (int)node.Start.Column);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            var value = scalar.Value?.Trim();
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        if (IsNull(node) || node is YamlScalarNode)
        {
            Bag.Error(At(node), DiagnosticCodes.MissingField, $"'{field}' is empty");
        }
        else
        {
            Bag.Error(At(node), DiagnosticCodes.WrongShape, $"'{field}' must be text, not {Describe(node)}");
        }

        return null;
    }

    public YamlMappingNode? Mapping(YamlNode node, string field)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Bag.Error(At(node), DiagnosticCodes.WrongShape, $"'{field}' must be a mapping of fields, not {Describe(node)}");
        return null;
    }

    /// <summary>A list of text, also accepting a single text value for a one-element list.</summary>
    public List<(string Value, YamlNode Node)> ScalarList(YamlNode node, string field)
    {
        var result = new List<(string, YamlNode)>();
        if (IsNull(node))
        {
            return result;
        }

        var items = node is YamlSequenceNode sequence ? sequence.Children : (IList<YamlNode>)[node];
        foreach (var item in items)
        {
            if (Scalar(item, field) is { } value)
            {
                result.Add((value, item));
            }
        }

        return result;
    }

    public IEnumerable<YamlNode> Sequence(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Bag.Error(At(node), DiagnosticCodes.WrongShape, $"'{field}' must be a list, not {Describe(node)}");
        return [];
    }

    /// <summary>The fields of a mapping by name; unknown names are reported, the first occurrence wins.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Fields(YamlMappingNode mapping, string context, Func<string, bool> known, string allowedHint)
    {
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!known(name))
            {
                Bag.Error(At(keyNode), DiagnosticCodes.UnknownField, $"unknown field '{name}' in {context} (allowed: {allowedHint})");
                continue;
            }

            fields.TryAdd(name, (keyNode, valueNode));
        }

        return fields;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "text",
    };
}
