namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// Bounds on what one corpus file may cost to read. Corpus files come from editors through review,
/// so a file is untrusted input: each bound is checked before the work it protects (the size before
/// reading, YAML nesting and alias expansion while the parser streams events, Markdown nesting before
/// Markdig parses), and going over it is a positioned diagnostic, never a crash or a hang.
/// Bound from <c>Corpus:Limits</c>; the defaults leave the shipped corpus far inside every bound.
/// </summary>
public sealed class CorpusLimits
{
    /// <summary>
    /// Bytes per file (1 MiB). The largest shipped file (economies/china.md) is 43 KB, so this leaves it room
    /// to grow 24 times; a file at the limit costs tens of MB and a second or two to parse, where 50 MB took 833 MB.
    /// </summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Nesting of YAML collections in the front matter (32). Shipped files nest 5 deep at most; YamlDotNet
    /// builds its node tree recursively and a stack overflow cannot be caught in .NET, so depth is checked first.
    /// </summary>
    public int MaxYamlDepth { get; set; } = 32;

    /// <summary>
    /// YAML nodes per file counting each alias as the nodes it repeats (100,000). The largest shipped front
    /// matter (economies/china.md) has about 2,100 nodes; a "billion laughs" alias chain expands to hundreds of millions.
    /// </summary>
    public int MaxYamlNodes { get; set; } = 100_000;

    /// <summary>
    /// Markdown nesting in a narrative (32): lists and block quotes inside each other, open brackets and
    /// open emphasis in one paragraph. Shipped narratives nest 1 deep; Markdig's time grows with the cube
    /// of list depth (3,000 levels took 37 s) and it refuses 64 list levels anyway.
    /// </summary>
    public int MaxMarkdownNesting { get; set; } = 32;

    public static CorpusLimits Default => new();
}
