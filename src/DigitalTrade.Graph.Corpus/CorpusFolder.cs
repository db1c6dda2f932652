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

    public static List<CorpusEntry> Enumerate(string fullRoot)
    {
        var found = new List<CorpusEntry>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(fullRoot)]);
        while (pending.TryPop(out var directory))
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. directory.EnumerateFileSystemInfos("*", OneLevel)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // a folder removed while it was listed (an editor switching branches): the next reload sees the result
            }

            foreach (var entry in entries.Where(e => !e.Name.StartsWith('.')))
            {
                var isMarkdown = entry.Name.EndsWith(".md", StringComparison.Ordinal);
                var relative = Path.GetRelativePath(fullRoot, entry.FullName).Replace('\\', '/');
                // Only an entry marked as a reparse point can be a link: asking every file for its target is a failing readlink each.
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is not null)
                {
                    if (isMarkdown || entry is DirectoryInfo)
                    {
                        found.Add(new CorpusEntry(relative, entry.FullName, IsLink: true, LeadsOutside(entry, fullRoot)));
                    }
                }
                else if (entry is DirectoryInfo folder)
                {
                    pending.Push(folder);
                }
                else if (isMarkdown)
                {
                    found.Add(new CorpusEntry(relative, entry.FullName, IsLink: false, LeadsOutside: false));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return found;
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
