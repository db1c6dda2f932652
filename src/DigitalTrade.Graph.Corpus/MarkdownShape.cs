namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// One linear pass over a narrative that measures how deeply it nests, before Markdig parses it.
/// Markdig's time grows faster than the text where nesting is deep: lists inside lists (3,000 levels
/// took 37 s), and brackets or emphasis left open in a paragraph (each closer searches back through the
/// openers). The pass follows CommonMark's shapes closely enough to measure real nesting, and errs on
/// the side of counting more: list and quote markers at the start of a line open containers (a line
/// indented less than a container's content closes it), and in each paragraph open '[' and opening
/// emphasis runs per delimiter character are counted until something closes them. Fenced ':::' blocks
/// (custom containers) are counted apart, the same way.
/// </summary>
internal static class MarkdownShape
{
    private const string EmphasisCharacters = "*_~^";

    /// <summary>The first place where nesting goes past <paramref name="maxNesting"/> (1-based line and column in <paramref name="markdown"/>), with what nests.</summary>
    public static (int Line, int Column, string What)? FindTooDeep(string markdown, int maxNesting)
    {
        var containers = new List<(bool IsQuote, int Content)>(); // open block quotes and list items, outermost first
        var fences = new List<int>(); // open ':::' blocks: the length of each opening fence
        var paragraph = false; // the previous line was paragraph text, so a line without markers may continue it lazily
        var brackets = 0;
        Span<int> emphasis = stackalloc int[EmphasisCharacters.Length];
        var lineNumber = 0;
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = markdown.AsSpan()[range].TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                (paragraph, brackets) = (false, 0); // a blank line ends the paragraph: what it left open stays text
                emphasis.Clear();
                continue;
            }

            // Continue the open containers the line restates: '>' for a quote, the content's indentation for a list
            // item. `block` is where the innermost continued container's content starts (4 columns past it is code).
            var (column, position, block, matched) = (0, 0, 0, 0);
            foreach (var (isQuote, content) in containers)
            {
                var (at, index) = Indent(line, position, column);
                if (isQuote && at - block < 4 && index < line.Length && line[index] == '>')
                {
                    (column, position) = OneSpace(line, index + 1, at + 1);
                    block = column;
                }
                else if (!isQuote && at >= content)
                {
                    block = content;
                }
                else
                {
                    break;
                }

                matched++;
            }

            // Markers where a block may start open one container each ("- - - a", "> > a", an indented item).
            var opened = false;
            while (Indent(line, position, column) is var (at, index) && at - block < 4 && Marker(line, index) is { } width)
            {
                if (!opened)
                {
                    containers.RemoveRange(matched, containers.Count - matched);
                    (opened, brackets) = (true, 0);
                    emphasis.Clear();
                }

                var isQuote = line[index] == '>';
                (column, position) = isQuote ? OneSpace(line, index + 1, at + 1) : (at + width, index + width);
                block = isQuote ? column : ItemContent(line, position, column);
                containers.Add((isQuote, block));
                if (containers.Count > maxNesting)
                {
                    return (lineNumber, index + 1, "lists and block quotes");
                }
            }

            if (!opened && !paragraph)
            {
                containers.RemoveRange(matched, containers.Count - matched);
            }

            // ':::' fences (the language blocks) nest too: counted apart from lists and quotes, with the same bound. A bare
            // fence closes the innermost block it is long enough for; any other opens one.
            if (Indent(line, position, column) is var (fenceAt, fenceIndex) && fenceAt - block < 4 && Fence(line, fenceIndex) is var (length, bare) && length > 0)
            {
                if (bare && fences.Count > 0 && length >= fences[^1])
                {
                    fences.RemoveAt(fences.Count - 1);
                }
                else if (fences.Count == maxNesting)
                {
                    return (lineNumber, fenceIndex + 1, "':::' blocks");
                }
                else
                {
                    fences.Add(length);
                }

                (paragraph, brackets) = (false, 0);
                emphasis.Clear();
                continue;
            }

            paragraph = Indent(line, position, column).Index < line.Length;
            if (CountInlines(line, position, maxNesting, ref brackets, emphasis) is { } problem)
            {
                return (lineNumber, problem.Column, problem.What);
            }
        }

        return null;
    }

    /// <summary>Open '[' and opening emphasis runs (per delimiter character) in the paragraph so far.</summary>
    private static (int Column, string What)? CountInlines(ReadOnlySpan<char> line, int from, int maxNesting, ref int brackets, Span<int> emphasis)
    {
        for (var i = from; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                i++; // an escaped character is text
            }
            else if (c == '[')
            {
                if (++brackets > maxNesting)
                {
                    return (i + 1, "open brackets in one paragraph");
                }
            }
            else if (c == ']')
            {
                brackets = Math.Max(0, brackets - 1);
            }
            else if (EmphasisCharacters.IndexOf(c) is var kind and >= 0)
            {
                var end = i;
                while (end < line.Length && line[end] == c)
                {
                    end++;
                }

                var before = i == 0 ? ' ' : line[i - 1];
                var after = end == line.Length ? ' ' : line[end];
                var (opens, closes) = (Flanks(after, before), Flanks(before, after));
                if (opens && !closes && (emphasis[kind] += end - i) > maxNesting)
                {
                    return (i + 1, "open emphasis in one paragraph");
                }

                if (closes && !opens)
                {
                    emphasis[kind] = Math.Max(0, emphasis[kind] - (end - i));
                }

                i = end - 1;
            }
        }

        return null;
    }

    /// <summary>The number of colons of a ':::' fence at <paramref name="i"/> (0 when there is none), and whether nothing follows them.</summary>
    private static (int Length, bool Bare) Fence(ReadOnlySpan<char> line, int i)
    {
        var end = i;
        while (end < line.Length && line[end] == ':')
        {
            end++;
        }

        return end - i < 3 ? (0, false) : (end - i, line[end..].IsWhiteSpace());
    }

    /// <summary>Where a list item's content starts: after the marker's spaces, or one space after it when there are 5 or more (indented code) or none.</summary>
    private static int ItemContent(ReadOnlySpan<char> line, int index, int column)
    {
        var (content, next) = Indent(line, index, column);
        return next == line.Length || content - column > 4 ? column + 1 : content;
    }

    /// <summary>After a '>' one space (or a tab's worth) belongs to the marker.</summary>
    private static (int Column, int Index) OneSpace(ReadOnlySpan<char> line, int index, int column) =>
        index < line.Length && line[index] is ' ' or '\t' ? (column + 1, index + 1) : (column, index);

    /// <summary>The width of a list or block-quote marker at <paramref name="i"/> (with the space after it), or null.</summary>
    private static int? Marker(ReadOnlySpan<char> line, int i)
    {
        if (i >= line.Length)
        {
            return null;
        }

        if (line[i] == '>')
        {
            return 1;
        }

        var end = i;
        if (line[i] is '-' or '*' or '+')
        {
            end = i + 1;
        }
        else
        {
            while (end < line.Length && end - i < 9 && char.IsAsciiDigit(line[end]))
            {
                end++;
            }

            if (end == i || end == line.Length || line[end] is not ('.' or ')'))
            {
                return null;
            }

            end++;
        }

        return end == line.Length || line[end] is ' ' or '\t' ? end - i : null;
    }

    /// <summary>Skips spaces and tabs (tabs to the next multiple of 4): the column and index of the first other character.</summary>
    private static (int Column, int Index) Indent(ReadOnlySpan<char> line, int index, int column)
    {
        while (index < line.Length && line[index] is ' ' or '\t')
        {
            column = line[index] == '\t' ? column + 4 - (column % 4) : column + 1;
            index++;
        }

        return (column, index);
    }

    /// <summary>CommonMark's flanking rule seen from one side: a run opens when followed by text, not by space, and not by punctuation unless after space or punctuation.</summary>
    private static bool Flanks(char toward, char away) =>
        !char.IsWhiteSpace(toward) && (!char.IsPunctuation(toward) && !char.IsSymbol(toward) || char.IsWhiteSpace(away) || char.IsPunctuation(away) || char.IsSymbol(away));
}
