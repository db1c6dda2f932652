using System.IO.Enumeration;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A Markdown file in the corpus folder, or a symbolic link that will be reported instead of read.</summary>
internal sealed record CorpusEntry(string Relative, string FullPath, bool IsLink, bool LeadsOutside);

/// <summary>
/// Lists the corpus folder without following symbolic links. A link would publish whatever it points at
/// (a file outside the corpus, or another part of the corpus under a second key) and a link to a parent
/// folder would make the walk endless, so links to folders or .md files are listed to be refused.
/// </summary>
internal static class CorpusFolder
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0, // hidden names are skipped below, by the same rule on every platform
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    /// <param name="fullRoot">The corpus folder, a full path.</param>
    /// <param name="unchanged">
    /// The entry a file had at the last listing when it is known not to have changed since (a watcher saw no event at its
    /// path), else null: such a file is not asked again whether it is a link. Asking costs a system call per file (0.3 s over
    /// 100k files, asked on every core); names come with the listing.
    /// </param>
    public static List<CorpusEntry> Enumerate(string fullRoot, Func<string, CorpusEntry?>? unchanged = null)
    {
        var found = new List<CorpusEntry>();
        var files = new List<(string Relative, string FullPath)>();
        var pending = new Stack<(string FullPath, string Relative)>([(fullRoot, string.Empty)]);
        while (pending.TryPop(out var directory))
        {
            List<(string Name, bool IsFolder)> entries;
            try
            {
                entries = [.. new FileSystemEnumerable<(string, bool)>(directory.FullPath, (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), OneLevel)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // a folder removed while it was listed (an editor switching branches): the next reload sees the result
            }

            foreach (var (name, isFolder) in entries.Where(e => !e.Name.StartsWith('.')))
            {
                var relative = directory.Relative.Length == 0 ? name : $"{directory.Relative}/{name}";
                var fullPath = Path.Join(directory.FullPath, name);
                if (isFolder)
                {
                    // Asked at once: a link to a folder is listed to be refused, never walked into.
                    var (entry, walk) = Ask(relative, fullPath, isFolder: true, fullRoot);
                    if (walk)
                    {
                        pending.Push((fullPath, relative));
                    }
                    else if (entry is not null)
                    {
                        found.Add(entry);
                    }
                }
                else if (name.EndsWith(".md", StringComparison.Ordinal))
                {
                    if (unchanged?.Invoke(relative) is { } known)
                    {
                        found.Add(known);
                    }
                    else
                    {
                        files.Add((relative, fullPath));
                    }
                }
            }
        }

        var asked = new CorpusEntry?[files.Count];
        Parallel.For(0, files.Count, i => asked[i] = Ask(files[i].Relative, files[i].FullPath, isFolder: false, fullRoot).Entry);
        found.AddRange(asked.OfType<CorpusEntry>());
        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return found;
    }

    /// <summary>
    /// What a listed folder or Markdown file is: a link (to be refused), a file to read, or a folder to walk into (Walk); no
    /// entry for a name that is gone since it was listed.
    /// </summary>
    private static (CorpusEntry? Entry, bool Walk) Ask(string relative, string fullPath, bool isFolder, string fullRoot)
    {
        FileSystemInfo info = isFolder ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        var attributes = info.Attributes; // one system call; -1 when the name is gone
        if (attributes == (FileAttributes)(-1))
        {
            return (null, false);
        }

        // Only an entry marked as a reparse point can be a link: asking every file for its target is a failing readlink each.
        if (attributes.HasFlag(FileAttributes.ReparsePoint) && info.LinkTarget is not null)
        {
            return (new CorpusEntry(relative, info.FullName, IsLink: true, LeadsOutside(info, fullRoot)), false);
        }

        return isFolder ? (null, true) : (new CorpusEntry(relative, info.FullName, IsLink: false, LeadsOutside: false), false);
    }

    private static bool LeadsOutside(FileSystemInfo link, string fullRoot)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null)
            {
                return true;
            }

            var relative = Path.GetRelativePath(fullRoot, target.FullName);
            return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith(@"..\", StringComparison.Ordinal) || Path.IsPathRooted(relative);
        }
        catch (IOException)
        {
            return true; // a loop of links, or one that cannot be resolved
        }
    }
}
