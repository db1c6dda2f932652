using System.Globalization;
using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>Collects the diagnostics of one file; files are read in parallel, so each has its own bag.</summary>
internal sealed class DiagnosticBag(string displayPath)
{
    /// <summary>
    /// Problems listed per file; more are counted in one last DTG032. No honest edit has this many, and a
    /// hostile file could otherwise yield one per line (each with a "did you mean" search over every key).
    /// </summary>
    public const int MaxPerFile = 200;

    /// <summary>Messages quote values from the file: longer ones are cut, so a 1 MB value is not echoed whole.</summary>
    private const int MaxMessageLength = 500;

    private readonly List<Diagnostic> _sink = [];
    private int _unlistedErrors;
    private int _unlistedWarnings;

    /// <summary>What the file alone gave (see <see cref="MarkFileRead"/>); the cross-file checks add the rest.</summary>
    private (int Listed, int Errors, int Warnings) _fileRead;

    public string DisplayPath { get; } = displayPath;

    /// <summary>Whether further problems are only counted: callers skip costly hints then.</summary>
    public bool IsFull => _sink.Count >= MaxPerFile;

    public IReadOnlyList<Diagnostic> Diagnostics => _unlistedErrors + _unlistedWarnings == 0 ? _sink : [.. _sink, Unlisted()];

    /// <summary>Marks the diagnostics so far as the file's own, which stand as long as its bytes (and the set of keys) do.</summary>
    public void MarkFileRead() => _fileRead = (_sink.Count, _unlistedErrors, _unlistedWarnings);

    /// <summary>Drops what the cross-file checks added since <see cref="MarkFileRead"/>, so they can be run again over changed files.</summary>
    public void ForgetCrossFile()
    {
        _sink.RemoveRange(_fileRead.Listed, _sink.Count - _fileRead.Listed);
        (_unlistedErrors, _unlistedWarnings) = (_fileRead.Errors, _fileRead.Warnings);
    }

    public void Error(int line, int column, string code, string message) => Add(line, column, DiagnosticSeverity.Error, code, message);

    public void Warning(int line, int column, string code, string message) => Add(line, column, DiagnosticSeverity.Warning, code, message);

    public void Error(Position at, string code, string message) => Error(at.Line, at.Column, code, message);

    public void Warning(Position at, string code, string message) => Warning(at.Line, at.Column, code, message);

    /// <summary>" (did you mean '…'?)" for a misspelt name, or nothing once the file's problems are only counted.</summary>
    public string Suggest(string wanted, IEnumerable<string> existing) => IsFull ? string.Empty : KeySuggestions.Hint(wanted, existing);

    private void Add(int line, int column, DiagnosticSeverity severity, string code, string message)
    {
        if (IsFull && severity == DiagnosticSeverity.Error)
        {
            _unlistedErrors++;
            return;
        }

        if (IsFull)
        {
            _unlistedWarnings++;
            return;
        }

        _sink.Add(new Diagnostic(DisplayPath, Math.Max(line, 1), Math.Max(column, 1), severity, code, Printable(message)));
    }

    private Diagnostic Unlisted() => new(
        DisplayPath, 1, 1, _unlistedErrors > 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, DiagnosticCodes.TooManyProblems,
        string.Create(CultureInfo.InvariantCulture, $"{_unlistedErrors} more errors and {_unlistedWarnings} more warnings in this file are not listed (the first {MaxPerFile} problems are)"));

    /// <summary>Control characters from a file never reach a terminal or a page as themselves: they are written as \uXXXX.</summary>
    private static string Printable(string message)
    {
        var cut = message.Length > MaxMessageLength;
        var text = cut ? message[..(char.IsHighSurrogate(message[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength)] : message;
        if (!cut && !text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}

/// <summary>A 1-based line and column in a corpus file.</summary>
internal readonly record struct Position(int Line, int Column)
{
    public static readonly Position FileStart = new(1, 1);
}
