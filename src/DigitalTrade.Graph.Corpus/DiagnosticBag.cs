namespace DigitalTrade.Graph.Corpus;

/// <summary>Collects the diagnostics of one file; files are read in parallel, so each has its own bag.</summary>
internal sealed class DiagnosticBag(string displayPath)
{
    private readonly List<Diagnostic> _sink = [];

    public string DisplayPath { get; } = displayPath;

    public IReadOnlyList<Diagnostic> Diagnostics => _sink;

    public void Error(int line, int column, string code, string message) =>
        _sink.Add(new Diagnostic(DisplayPath, Math.Max(line, 1), Math.Max(column, 1), DiagnosticSeverity.Error, code, message));

    public void Warning(int line, int column, string code, string message) =>
        _sink.Add(new Diagnostic(DisplayPath, Math.Max(line, 1), Math.Max(column, 1), DiagnosticSeverity.Warning, code, message));

    public void Error(Position at, string code, string message) => Error(at.Line, at.Column, code, message);

    public void Warning(Position at, string code, string message) => Warning(at.Line, at.Column, code, message);
}

/// <summary>A 1-based line and column in a corpus file.</summary>
internal readonly record struct Position(int Line, int Column)
{
    public static readonly Position FileStart = new(1, 1);
}
