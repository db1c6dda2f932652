using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// What a load read, per file: kept by a watching server so that the next load re-reads only the files that changed.
/// Opaque to callers; used by one load at a time (the next load takes it over, so it is never shared).
/// </summary>
public sealed class CorpusReadState
{
    internal CorpusReadState(string fullRoot, string displayRoot, CorpusLimits limits, Dictionary<string, FileRead> files, HashSet<string> keys)
    {
        FullRoot = fullRoot;
        DisplayRoot = displayRoot;
        Limits = limits;
        Files = files;
        Keys = keys;
    }

    internal string FullRoot { get; }

    internal string DisplayRoot { get; }

    internal CorpusLimits Limits { get; }

    /// <summary>Every file of the last load by relative path, with what reading it alone gave.</summary>
    internal Dictionary<string, FileRead> Files { get; }

    internal HashSet<string> Keys { get; }

    /// <summary>The last snapshot built (also when a later load failed), which the next one shares what it can with.</summary>
    internal GraphSnapshot? Snapshot { get; set; }
}

/// <summary>
/// One file as read: its diagnostics (its own, then the cross-file ones of the last load), its entity, its content hash, and the
/// relations the cross-file checks resolved from it (null until they ran).
/// </summary>
internal sealed record FileRead(CorpusEntry File, DiagnosticBag Bag, EntityDraft? Draft, byte[]? Hash)
{
    public IReadOnlyList<Relation>? Relations { get; init; }
}

/// <summary>A load and the state the next one starts from; <see cref="FilesRead"/> says how many files were read (the rest were kept).</summary>
public sealed record IncrementalLoad(CorpusLoadResult Result, CorpusReadState? State, int FilesRead);

public static partial class CorpusLoader
{
    /// <summary>
    /// Loads the corpus like <see cref="Load"/>, reading again only the files that may have changed since <paramref name="previous"/>:
    /// those in <paramref name="changed"/> (relative paths, '/'-separated), any added or removed, and, when what changed is not
    /// known, those whose bytes no longer hash as they did. A file's own diagnostics and
    /// entity depend on its bytes and on the set of keys, so when the set of keys changes every file is read again; the
    /// cross-file checks (names, relations, figures against tables) run again over the files whose results a re-read file can
    /// change (see <see cref="CheckAcrossFiles"/>), over all files when the set of keys changed. The result equals a full load's.
    /// </summary>
    /// <param name="changed">Null when what changed is not known: every file is hashed and compared with the last load.</param>
    /// <remarks><paramref name="previous"/> is taken over: after this call only the returned state may be used.</remarks>
    public static IncrementalLoad LoadChanged(
        string root,
        CorpusReadState? previous,
        IReadOnlyCollection<string>? changed,
        string? displayRoot = null,
        TimeProvider? time = null,
        CorpusLimits? limits = null,
        IProgress<CorpusLoadProgress>? progress = null)
    {
        displayRoot ??= root;
        limits ??= CorpusLimits.Default;
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            Diagnostic[] missing = [new(displayRoot, 1, 1, DiagnosticSeverity.Error, DiagnosticCodes.CorpusNotFound, "the corpus folder does not exist")];
            return new IncrementalLoad(new CorpusLoadResult(null, missing, 0), null, 0);
        }

        var reusable = previous is not null && previous.FullRoot == fullRoot && previous.DisplayRoot == displayRoot && SameLimits(previous.Limits, limits);
        var dirty = changed?.ToHashSet(StringComparer.Ordinal) ?? [];
        // A file the watcher saw no event at keeps its entry: it is not asked again whether it is a link.
        var files = CorpusFolder.Enumerate(fullRoot, reusable && changed is not null
            ? relative => !dirty.Contains(relative) && previous!.Files.TryGetValue(relative, out var kept) ? kept.File : null
            : null);
        var unchanged = new bool[files.Count];
        if (reusable && changed is null)
        {
            // What changed is not known: a file whose bytes hash as they did is unchanged (hashing is a tenth of reading).
            Parallel.For(0, files.Count, i => unchanged[i] = previous!.Files.TryGetValue(files[i].Relative, out var kept) && kept.File == files[i]
                && kept.Hash is { } hash && CorpusFingerprint.HashFile(files[i].FullPath, limits.MaxFileBytes) is { } now && hash.AsSpan().SequenceEqual(now));
        }

        var reads = new FileRead[files.Count];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var toRead = new List<int>();
        var keep = new bool[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var file = files[i];
            keep[i] = reusable && (changed is null ? unchanged[i] : !dirty.Contains(file.Relative)) && previous!.Files.TryGetValue(file.Relative, out var kept) && kept.File == file;
            reads[i] = keep[i] ? previous!.Files[file.Relative] : Classified(file, displayRoot);
        });
        for (var i = 0; i < files.Count; i++)
        {
            if (!keep[i])
            {
                toRead.Add(i);
            }

            if (reads[i].Draft is { } draft)
            {
                keys.Add(draft.Key);
            }
        }

        var sameKeys = reusable && keys.SetEquals(previous!.Keys);
        if (reusable && !sameKeys)
        {
            // Links in narratives are checked against the keys while a file is read: a key added or removed can change any file's own diagnostics.
            toRead.Clear();
            for (var i = 0; i < files.Count; i++)
            {
                reads[i] = Classified(files[i], displayRoot);
                toRead.Add(i);
            }
        }

        var filesRead = 0;
        Parallel.For(0, toRead.Count, n =>
        {
            var i = toRead[n];
            try
            {
                reads[i] = ReadOne(reads[i], fullRoot, displayRoot, keys, limits);
            }
            finally
            {
                progress?.Report(new CorpusLoadProgress(Interlocked.Increment(ref filesRead), toRead.Count));
            }
        });

        var relations = CheckAcrossFiles(reads, keys, sameKeys && toRead.Count < files.Count ? toRead : null, previous);
        var ordered = reads.SelectMany(r => r.Bag.Diagnostics)
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var state = new CorpusReadState(fullRoot, displayRoot, limits, reads.ToDictionary(r => r.File.Relative, StringComparer.Ordinal), keys) { Snapshot = previous?.Snapshot };
        if (ordered.Any(d => d.IsError))
        {
            return new IncrementalLoad(new CorpusLoadResult(null, ordered, files.Count), state, toRead.Count);
        }

        var fingerprint = CorpusFingerprint.Of(reads.Select(r => (r.File.Relative, r.Hash!)));
        var entities = reads.Where(r => r.Draft?.Entity is not null).Select(r => r.Draft!.Entity!);
        var snapshot = GraphSnapshot.Create(CorpusFingerprint.VersionOf(fingerprint), (time ?? TimeProvider.System).GetUtcNow(), entities, relations, previous?.Snapshot);
        state.Snapshot = snapshot;
        return new IncrementalLoad(new CorpusLoadResult(snapshot, ordered, files.Count) { Fingerprint = fingerprint }, state, toRead.Count);
    }

    /// <summary>Limits are options objects (a new one per configuration read): the same values are the same limits.</summary>
    private static bool SameLimits(CorpusLimits a, CorpusLimits b) =>
        ReferenceEquals(a, b) || System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    /// <summary>A file before it is read: its path checked (a link is refused, a path outside a kind folder reported).</summary>
    private static FileRead Classified(CorpusEntry file, string displayRoot)
    {
        var bag = new DiagnosticBag(Display(displayRoot, file.Relative));
        if (file.IsLink)
        {
            bag.Error(Position.FileStart, DiagnosticCodes.SymbolicLink, file.LeadsOutside
                ? "this is a symbolic link leading outside the corpus; it is not read (copy the file into the corpus instead)"
                : "this is a symbolic link; links are not read, even within the corpus (give the entity one file, and link to it from narratives)");
            return new FileRead(file, bag, null, null);
        }

        var draft = Classify(file.Relative, bag) is { } kind ? new EntityDraft(file.Relative[..^3], kind, bag) : null;
        return new FileRead(file, bag, draft, null);
    }

    /// <summary>Reads one classified file; its diagnostics so far are then marked as its own.</summary>
    private static FileRead ReadOne(FileRead classified, string fullRoot, string displayRoot, IReadOnlySet<string> keys, CorpusLimits limits)
    {
        var (file, bag, draft, _) = classified;
        byte[]? hash = null;
        if (!file.IsLink)
        {
            try
            {
                var source = SourceText.Read(file.FullPath, limits.MaxFileBytes, bag);
                hash = source?.Hash;
                if (source is not null && draft is not null)
                {
                    EntityFileReader.Read(draft, source.Text, file.FullPath, fullRoot, keys, limits);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A parser failing in a way it should not must still become a diagnostic, not a crash of the whole load.
                if (draft is not null)
                {
                    draft.Entity = null;
                }

                bag.Error(Position.FileStart, DiagnosticCodes.MalformedYaml, $"the file could not be read: {e.Message.Replace(fullRoot, displayRoot, StringComparison.Ordinal)}");
            }
        }

        bag.MarkFileRead();
        draft?.DropParsedNarrative();
        return classified with { Hash = hash };
    }
}
