using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>The outcome of reading a corpus: a snapshot when there is no error, and every diagnostic.</summary>
public sealed record CorpusLoadResult(GraphSnapshot? Snapshot, IReadOnlyList<Diagnostic> Diagnostics, int FileCount)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);

    public bool Succeeded => Snapshot is not null;

    /// <summary>The full content hash of the files read (see <see cref="CorpusFingerprint"/>); null when there is no snapshot.</summary>
    public string? Fingerprint { get; init; }
}

/// <summary>
/// Reads a corpus folder into an immutable <see cref="GraphSnapshot"/>. Every file is checked and
/// every problem reported; a corpus with any error yields no snapshot, so it is never served.
/// </summary>
public static partial class CorpusLoader
{
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <param name="root">The corpus folder.</param>
    /// <param name="displayRoot">How to print the folder in diagnostics (defaults to <paramref name="root"/> as given).</param>
    /// <param name="time">Clock for the snapshot's creation time.</param>
    /// <param name="limits">What one file may cost to read (defaults to <see cref="CorpusLimits.Default"/>).</param>
    /// <param name="progress">Told after each file is read, from the reading threads (for a progress line on large corpora).</param>
    public static CorpusLoadResult Load(string root, string? displayRoot = null, TimeProvider? time = null, CorpusLimits? limits = null, IProgress<CorpusLoadProgress>? progress = null) =>
        // One way to read a corpus: a full load is an incremental load with nothing kept (see CorpusLoader.Incremental.cs).
        LoadChanged(root, null, null, displayRoot, time, limits, progress).Result;

    private static string Display(string displayRoot, string relative) =>
        displayRoot.Length == 0 ? relative : $"{displayRoot.TrimEnd('/', '\\')}/{relative}";

    /// <summary>The kind a file's folder stands for; null (with a diagnostic) when the path is not an entity file.</summary>
    private static EntityKind? Classify(string relative, DiagnosticBag bag)
    {
        var parts = relative.Split('/');
        if (parts.Length == 1)
        {
            // The editor's guide and other notes may sit at the top of the corpus.
            if (!relative.Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                bag.Error(Position.FileStart, DiagnosticCodes.UnknownKind, "entity files belong in a kind folder (agreements/, policies/, …), not at the top of the corpus");
            }

            return null;
        }

        var folder = EntityKinds.FromFolder(parts[0]);
        if (folder is null)
        {
            bag.Error(Position.FileStart, DiagnosticCodes.UnknownKind,
                $"'{parts[0]}/' is not a kind folder{KeySuggestions.Hint(parts[0], EntityKinds.All.Select(k => k.Folder))} (folders: {string.Join(", ", EntityKinds.All.Select(k => k.Folder))})");
            return null;
        }

        if (parts.Length > 2)
        {
            bag.Error(Position.FileStart, DiagnosticCodes.InvalidKey, $"kind folders are flat: move the file directly into '{parts[0]}/'");
            return null;
        }

        var slug = parts[1][..^3];
        if (!SlugPattern().IsMatch(slug))
        {
            bag.Error(Position.FileStart, DiagnosticCodes.InvalidKey, $"file name '{parts[1]}' is not a valid key: use lower-case ASCII letters, digits and single hyphens");
            return null;
        }

        return folder.Kind;
    }
}
