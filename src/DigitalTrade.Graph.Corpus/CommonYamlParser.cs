using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// The parser events of a front matter written in the plain subset of YAML that entity files use — block mappings
/// with word keys, block sequences, one-line flow mappings and sequences of scalars, plain and double-quoted
/// one-line scalars without escapes — exactly as YamlDotNet's parser gives them (values, styles, positions), in one
/// linear pass. YamlDotNet's scanner cost more than a third of reading a file. Anything outside the subset (comments,
/// anchors, tags, escapes, single quotes, block or multi-line scalars, tabs, duplicate keys, any error) makes
/// <see cref="TryParse"/> return null, and the caller parses the text with YamlDotNet as before, so every diagnostic
/// about unusual YAML still comes from there. The events go through <see cref="BoundedYamlParser"/> like YamlDotNet's.
/// </summary>
internal sealed class CommonYamlParser
{
    /// <summary>Deeper front matter goes to YamlDotNet (whose events the depth bound then stops); this keeps the recursion here shallow.</summary>
    private const int MaxDepth = 24;

    /// <summary>Characters that may not begin a plain scalar here (YAML indicators; '-' is allowed before a non-space).</summary>
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    private readonly string _text;
    private readonly int _maxEvents;
    private readonly List<ParsingEvent> _events = [];
    private readonly List<int> _lineStarts = [0];
    private int _line;

    private CommonYamlParser(string text, int maxNodes)
    {
        _text = text;
        _maxEvents = (2 * maxNodes) + 8;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            _lineStarts.Add(i + 1);
        }
    }

    /// <summary>Thrown inside only: the text leaves the subset, YamlDotNet reads it.</summary>
    private sealed class OutsideSubset : Exception;

    /// <summary>
    /// An <see cref="IParser"/> over the events of <paramref name="yaml"/>, or null when it is not in the subset. More
    /// than <paramref name="maxNodes"/> nodes are left to YamlDotNet too, so the events held here stay within the bound
    /// that <see cref="BoundedYamlParser"/> then reports where YamlDotNet's events cross it.
    /// </summary>
    public static IParser? TryParse(string yaml, int maxNodes)
    {
        if (yaml.Length == 0 || !IsKeyStart(yaml[0]) || !AllPlainCharacters(yaml))
        {
            return null;
        }

        var parser = new CommonYamlParser(yaml, maxNodes);
        try
        {
            return new EventList(parser.Parse());
        }
        catch (OutsideSubset)
        {
            return null;
        }
    }

    private List<ParsingEvent> Parse()
    {
        var start = new Mark(0, 1, 1);
        Emit(new StreamStart(start, start));
        Emit(new DocumentStart(null, new TagDirectiveCollection(), true, start, start));
        BlockMapping(0, 0, 0);
        if (_line < _lineStarts.Count)
        {
            throw new OutsideSubset(); // a line indented less than the top mapping, or anything else left over
        }

        var end = EndOfText();
        Emit(new DocumentEnd(true, end, end));
        Emit(new StreamEnd(end, end));
        return _events;
    }

    /// <summary>A block mapping whose first key starts at <paramref name="column"/> (0-based) of the current line.</summary>
    private void BlockMapping(int column, int depth, int firstKeyAt)
    {
        Deeper(depth);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var at = firstKeyAt;
        Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, MarkAt(at), MarkAt(at)));
        while (true)
        {
            var keyEnd = KeyEnd(at);
            var key = _text[at..keyEnd];
            if (!keys.Add(key))
            {
                throw new OutsideSubset(); // YamlDotNet reports duplicate keys
            }

            Emit(new Scalar(AnchorName.Empty, TagName.Empty, key, ScalarStyle.Plain, true, false, MarkAt(at), MarkAt(keyEnd), isKey: true));
            var lineEnd = LineEnd();
            if (keyEnd + 1 == lineEnd)
            {
                // "key:" alone: the value is the block below, or empty.
                var afterColon = MarkAt(keyEnd + 1);
                _line++;
                var next = NextContent();
                if (next is { } indented && indented.Column > column)
                {
                    BlockNode(indented.Column, indented.Index, depth + 1);
                }
                else if (next is { } same && same.Column == column && IsEntry(same.Index))
                {
                    BlockSequence(column, depth + 1, same.Index, indentless: true); // "key:" then "- item" lines at the key's indentation
                }
                else
                {
                    Emit(new Scalar(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, afterColon, afterColon));
                }
            }
            else
            {
                var value = SkipSpaces(keyEnd + 1, lineEnd);
                if (value == lineEnd)
                {
                    throw new OutsideSubset(); // "key:" and trailing spaces
                }

                InlineValue(value, depth + 1);
                _line++;
            }

            var following = NextContent();
            if (following is not { } line || line.Column < column)
            {
                var end = following is { } f ? MarkAt(f.Index) : EndOfText();
                Emit(new MappingEnd(end, end));
                return;
            }

            if (line.Column > column)
            {
                throw new OutsideSubset(); // a continued scalar, or an error
            }

            at = line.Index;
        }
    }

    /// <summary>
    /// A block sequence whose '-' entries start at <paramref name="column"/>; an indentless one (at its key's
    /// indentation) ends at the next key, and YamlDotNet marks its start as the first entry's '-'.
    /// </summary>
    private void BlockSequence(int column, int depth, int firstDashAt, bool indentless = false)
    {
        Deeper(depth);
        var at = firstDashAt;
        Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, MarkAt(at), MarkAt(indentless ? at + 1 : at)));
        while (true)
        {
            var lineEnd = LineEnd();
            if (at + 1 >= lineEnd || _text[at + 1] != ' ')
            {
                throw new OutsideSubset();
            }

            var content = at + 1;
            while (content < lineEnd && _text[content] == ' ')
            {
                content++;
            }

            if (content == lineEnd)
            {
                throw new OutsideSubset(); // "- " with the item on the lines below
            }

            if (IsKeyStart(_text[content]) && TryKeyEnd(content) is not null)
            {
                BlockMapping(content - _lineStarts[_line], depth + 1, content);
            }
            else
            {
                InlineValue(content, depth + 1);
                _line++;
            }

            var following = NextContent();
            if (following is not { } line || line.Column < column || (indentless && line.Column == column && !IsEntry(line.Index)))
            {
                var end = following is { } f ? MarkAt(f.Index) : EndOfText();
                Emit(new SequenceEnd(end, end));
                return;
            }

            if (line.Column > column || !IsEntry(line.Index))
            {
                throw new OutsideSubset();
            }

            at = line.Index;
        }
    }

    /// <summary>The block node that starts at <paramref name="index"/> (the first content of the current line).</summary>
    private void BlockNode(int column, int index, int depth)
    {
        if (IsEntry(index))
        {
            BlockSequence(column, depth, index);
        }
        else if (IsKeyStart(_text[index]) && TryKeyEnd(index) is not null)
        {
            BlockMapping(column, depth, index);
        }
        else
        {
            throw new OutsideSubset();
        }
    }

    /// <summary>A value that fills the rest of the current line: a flow collection, a quoted or a plain scalar.</summary>
    private void InlineValue(int at, int depth)
    {
        var lineEnd = LineEnd();
        int end;
        switch (_text[at])
        {
            case '{':
                end = FlowCollection(at, lineEnd, mapping: true, depth);
                break;
            case '[':
                end = FlowCollection(at, lineEnd, mapping: false, depth);
                break;
            case '"':
                end = Quoted(at, lineEnd);
                break;
            default:
                var last = lineEnd;
                while (_text[last - 1] == ' ')
                {
                    last--;
                }

                var value = _text.AsSpan(at, last - at);
                // A comment, a second "key: value" or a trailing ':' are YamlDotNet's to read or refuse.
                if (!PlainStart(at, lineEnd) || value.Contains(" #", StringComparison.Ordinal) || value.Contains(": ", StringComparison.Ordinal) || value[^1] == ':')
                {
                    throw new OutsideSubset();
                }

                Emit(PlainScalar(at, last));
                return;
        }

        while (end < lineEnd && _text[end] == ' ')
        {
            end++;
        }

        if (end != lineEnd)
        {
            throw new OutsideSubset();
        }
    }

    /// <summary>A one-line flow mapping of word keys or flow sequence, of scalars only; returns the index after its closing bracket.</summary>
    private int FlowCollection(int open, int lineEnd, bool mapping, int depth)
    {
        Deeper(depth);
        var close = mapping ? '}' : ']';
        Emit(mapping
            ? new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, MarkAt(open), MarkAt(open))
            : new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, MarkAt(open), MarkAt(open)));
        var keys = mapping ? new HashSet<string>(StringComparer.Ordinal) : null;
        var i = SkipSpaces(open + 1, lineEnd);
        if (i < lineEnd && _text[i] == close)
        {
            Emit(mapping ? new MappingEnd(MarkAt(i), MarkAt(i)) : new SequenceEnd(MarkAt(i), MarkAt(i)));
            return i + 1;
        }

        while (true)
        {
            if (keys is not null)
            {
                if (i >= lineEnd || !IsKeyStart(_text[i]))
                {
                    throw new OutsideSubset();
                }

                var keyEnd = i;
                while (keyEnd < lineEnd && IsKeyCharacter(_text[keyEnd]))
                {
                    keyEnd++;
                }

                if (keyEnd + 1 >= lineEnd || _text[keyEnd] != ':' || _text[keyEnd + 1] != ' ' || !keys.Add(_text[i..keyEnd]))
                {
                    throw new OutsideSubset();
                }

                Emit(new Scalar(AnchorName.Empty, TagName.Empty, _text[i..keyEnd], ScalarStyle.Plain, true, false, MarkAt(i), MarkAt(keyEnd), isKey: true));
                i = SkipSpaces(keyEnd + 1, lineEnd);
            }

            if (i >= lineEnd)
            {
                throw new OutsideSubset();
            }

            if (_text[i] == '"')
            {
                i = Quoted(i, lineEnd);
            }
            else
            {
                if (!PlainStart(i, lineEnd))
                {
                    throw new OutsideSubset();
                }

                var end = i;
                while (end < lineEnd && _text[end] is not (',' or '}' or ']'))
                {
                    end++;
                }

                var last = end;
                while (_text[last - 1] == ' ')
                {
                    last--;
                }

                var value = _text.AsSpan(i, last - i);
                if (value.Contains(':') || value.Contains('#') || value.ContainsAny('[', '{'))
                {
                    throw new OutsideSubset();
                }

                Emit(PlainScalar(i, last));
                i = end;
            }

            i = SkipSpaces(i, lineEnd);
            if (i < lineEnd && _text[i] == ',')
            {
                i = SkipSpaces(i + 1, lineEnd);
                if (i >= lineEnd || _text[i] is '}' or ']' or ',')
                {
                    throw new OutsideSubset();
                }

                continue;
            }

            if (i < lineEnd && _text[i] == close)
            {
                Emit(mapping ? new MappingEnd(MarkAt(i), MarkAt(i)) : new SequenceEnd(MarkAt(i), MarkAt(i)));
                return i + 1;
            }

            throw new OutsideSubset();
        }
    }

    /// <summary>A double-quoted scalar closed on its line, without escapes; returns the index after the closing quote.</summary>
    private int Quoted(int open, int lineEnd)
    {
        var close = _text.IndexOf('"', open + 1, lineEnd - open - 1);
        if (close < 0 || _text.AsSpan(open + 1, close - open - 1).Contains('\\'))
        {
            throw new OutsideSubset();
        }

        Emit(new Scalar(AnchorName.Empty, TagName.Empty, _text[(open + 1)..close], ScalarStyle.DoubleQuoted, false, true, MarkAt(open), MarkAt(close + 1)));
        return close + 1;
    }

    /// <summary>A '-' and a space: a block sequence entry.</summary>
    private bool IsEntry(int index) => _text[index] == '-' && index + 1 < _text.Length && _text[index + 1] == ' ';

    private void Emit(ParsingEvent e)
    {
        if (_events.Count >= _maxEvents)
        {
            throw new OutsideSubset();
        }

        _events.Add(e);
    }

    private Scalar PlainScalar(int start, int end) =>
        new(AnchorName.Empty, TagName.Empty, _text[start..end], ScalarStyle.Plain, true, false, MarkAt(start), MarkAt(end));

    /// <summary>Whether a plain scalar may begin at <paramref name="i"/>: no indicator, except '-' before a non-space.</summary>
    private bool PlainStart(int i, int lineEnd) =>
        Indicators.IndexOf(_text[i]) < 0 || (_text[i] == '-' && i + 1 < lineEnd && _text[i + 1] is not (' ' or ',' or '[' or ']' or '{' or '}'));

    /// <summary>The end of a word key at <paramref name="at"/>, which a ':' and a space or the end of the line follow.</summary>
    private int KeyEnd(int at) => TryKeyEnd(at) ?? throw new OutsideSubset();

    private int? TryKeyEnd(int at)
    {
        var lineEnd = LineEnd();
        var end = at;
        while (end < lineEnd && IsKeyCharacter(_text[end]))
        {
            end++;
        }

        return end > at && end < lineEnd && _text[end] == ':' && (end + 1 == lineEnd || _text[end + 1] == ' ') ? end : null;
    }

    /// <summary>The first line from the current one with content (moving to it), as its column and index; null at the end. Blank lines must be empty.</summary>
    private (int Column, int Index)? NextContent()
    {
        for (; _line < _lineStarts.Count; _line++)
        {
            var start = _lineStarts[_line];
            var end = LineEnd();
            var i = SkipSpaces(start, end);
            if (i < end)
            {
                return (i - start, i);
            }

            if (end > start)
            {
                throw new OutsideSubset(); // a line of spaces only
            }
        }

        return null;
    }

    private int LineEnd() => _line + 1 < _lineStarts.Count ? _lineStarts[_line + 1] - 1 : _text.Length;

    private int SkipSpaces(int i, int end)
    {
        while (i < end && _text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>A position on the current line, as YamlDotNet marks it (1-based line and column).</summary>
    private Mark MarkAt(int index) => new(index, _line + 1, index - _lineStarts[_line] + 1);

    /// <summary>YamlDotNet's position for the end of the text: the start of the line after the last line break, or of a line after the last line.</summary>
    private Mark EndOfText() =>
        new(_text.Length, _lineStarts.Count + (_text[^1] == '\n' ? 0 : 1), 1);

    private static void Deeper(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new OutsideSubset();
        }
    }

    private static bool IsKeyStart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>No tab, carriage return, backslash, control or format character, surrogate or BOM anywhere: YamlDotNet decides what those mean.</summary>
    private static bool AllPlainCharacters(string text)
    {
        foreach (var c in text)
        {
            if (c < ' ' ? c != '\n' : c is (>= '\u007F' and <= '\u009F') or '\\' or '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Hands out a list of events one at a time, as a parser would.</summary>
    private sealed class EventList(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            Current = _next < events.Count ? events[_next++] : null;
            return Current is not null;
        }
    }
}
