namespace DigitalTrade.Graph.Model;

/// <summary>One problem found while loading the corpus, as editors see it in <c>validate</c>.</summary>
public sealed record CorpusIssue(string Path, int Line, int Column, bool IsError, string Code, string Message);

/// <summary>The outcome of the last attempt to load the corpus, which may differ from what is served.</summary>
public sealed record CorpusLoad(DateTimeOffset AttemptedAt, bool Succeeded, double Milliseconds, IReadOnlyList<CorpusIssue> Issues)
{
    public int ErrorCount => Issues.Count(i => i.IsError);

    public int WarningCount => Issues.Count(i => !i.IsError);
}

/// <summary>Reports the last corpus load of this process, for editors' tools and the <c>corpus</c> query field.</summary>
public interface ICorpusLoadReporter
{
    /// <summary>The last attempt, or null before the first one (or when the store was not loaded from a corpus here).</summary>
    CorpusLoad? LastLoad { get; }
}
