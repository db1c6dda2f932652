using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A front matter that goes over a <see cref="CorpusLimits"/> bound, stopped where it does.</summary>
internal sealed class YamlLimitException(Mark at, string code, string message) : Exception(message)
{
    public Mark At { get; } = at;

    public string Code { get; } = code;
}

/// <summary>
/// Passes YamlDotNet's parser events through while bounding what they will cost. YamlDotNet's parser is
/// iterative, but building the node tree recurses once per level, and a stack overflow kills the process
/// (.NET cannot catch it): nesting is counted here, before the tree builder sees a level too many. Aliases
/// are shared nodes in the tree, but everything that walks it (every read of a field, the placeholder
/// scan) walks each alias again: each alias counts as the nodes its anchor holds, so a "billion laughs"
/// chain is stopped at the alias that takes the count over the bound, after a few hundred events.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner, int maxDepth, int maxNodes) : IParser
{
    private readonly Dictionary<AnchorName, long> _anchorSizes = [];
    private readonly Stack<(AnchorName Anchor, long NodesBefore)> _open = new();
    private long _nodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case Scalar scalar:
                Count(1, scalar);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor] = 1;
                }

                break;
            case MappingStart or SequenceStart:
                var start = (NodeEvent)inner.Current;
                if (_open.Count >= maxDepth)
                {
                    throw new YamlLimitException(start.Start, DiagnosticCodes.YamlTooDeep,
                        Format($"the front matter nests more than {maxDepth} levels deep (Corpus:Limits:MaxYamlDepth)"));
                }

                Count(1, start);
                _open.Push((start.Anchor, _nodes - 1));
                break;
            case MappingEnd or SequenceEnd:
                var (anchor, before) = _open.Pop();
                if (!anchor.IsEmpty)
                {
                    _anchorSizes[anchor] = _nodes - before;
                }

                break;
            case AnchorAlias alias:
                if (_open.Any(o => o.Anchor == alias.Value))
                {
                    throw new YamlLimitException(alias.Start, DiagnosticCodes.YamlTooLarge, $"alias '*{alias.Value}' is used inside its own anchor, which makes an endless structure");
                }

                if (!_anchorSizes.TryGetValue(alias.Value, out var size))
                {
                    throw new YamlLimitException(alias.Start, DiagnosticCodes.MalformedYaml, $"front matter is not valid YAML: alias '*{alias.Value}' refers to no anchor defined before it");
                }

                Count(size, alias);
                break;
        }

        return true;
    }

    private void Count(long nodes, ParsingEvent at)
    {
        _nodes += nodes;
        if (_nodes > maxNodes)
        {
            throw new YamlLimitException(at.Start, DiagnosticCodes.YamlTooLarge,
                Format($"the front matter has more than {maxNodes:N0} nodes, counting each alias as the nodes it repeats (Corpus:Limits:MaxYamlNodes)"));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
