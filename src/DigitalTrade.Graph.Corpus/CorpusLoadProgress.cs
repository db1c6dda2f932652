namespace DigitalTrade.Graph.Corpus;

/// <summary>How far a corpus load is: files read of the files found (reported from the reading threads).</summary>
public sealed record CorpusLoadProgress(int FilesRead, int FileCount);
