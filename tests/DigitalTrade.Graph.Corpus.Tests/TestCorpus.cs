using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>A corpus folder written by a test, removed afterwards.</summary>
internal sealed class TestCorpus : IDisposable
{
    public TestCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "dtg-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>A valid case's front matter, unclosed (tests add fields or the closing '---'): its body starts on line 12.</summary>
    public const string CaseFrontMatter = "---\nkind: case\nname:\n  zh: 甲\n  en: A\nsummary:\n  zh: 摘要。\n  en: Summary.\nsources:\n  - section: \"实践篇\"\n";

    public string Root { get; }

    /// <summary>A small valid corpus that the failing cases break one file at a time.</summary>
    public static TestCorpus Valid()
    {
        var corpus = new TestCorpus();
        corpus.Write("economies/china.md", Entity("economy", "中国", "China", "type: country", "", "中国是数字贸易大国。\n\nChina is a major digital trader."));
        corpus.Write("economies/singapore.md", Entity("economy", "新加坡", "Singapore", "type: country", "relations:\n  PARTY_TO: [agreements/depa]", "DEPA 发起方之一。"));
        corpus.Write("agreements/depa.md", Entity("agreement", "数字经济伙伴关系协定", "Digital Economy Partnership Agreement", "aliases: [DEPA]\nstatus: in_force\ndates:\n  signed: 2020-06", "", "见 [新加坡](../economies/singapore.md)。"));
        corpus.Write("provinces/zhejiang.md", Entity("province", "浙江省", "Zhejiang", "type: province", "relations:\n  LOCATED_IN: economies/china", "浙江位于中国东部。"));
        return corpus;
    }

    /// <summary>A valid narrative for files whose narrative is not what a test is about.</summary>
    public const string Body = "::: zh\n正文。\n:::\n\n::: en\nBody.\n:::\n";

    /// <summary>Markdown a test is about, in the Chinese block (its first line is the body's second), then an English block.</summary>
    public static string InZh(string markdown) => $"::: zh\n{markdown.TrimEnd('\n')}\n:::\n\n::: en\nBody.\n:::\n";

    /// <summary>A narrative as the corpus writes it: a Chinese block, then an English one.</summary>
    public static string Narrative(string zh, string en = "In English.") => $"::: zh\n{zh}\n:::\n\n::: en\n{en}\n:::";

    /// <summary>An entity file: front matter with the given extra lines, then the body (put in a Chinese block unless it has its blocks).</summary>
    public static string Entity(string kind, string zh, string en, string facets, string relations, string body) =>
        EntityWithBody(kind, zh, en, facets, relations, body.Length == 0 || body.StartsWith(":::", StringComparison.Ordinal) ? body : Narrative(body, $"About {en}."));

    private static string EntityWithBody(string kind, string zh, string en, string facets, string relations, string body) =>
        $"""
        ---
        kind: {kind}
        name:
          zh: {zh}
          en: {en}
        {facets}
        summary:
          zh: {zh}的摘要。
          en: Summary of {en}.
        {relations}
        sources:
          - section: "综述篇 > 测试"
        ---
        {body}

        """.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public void WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    /// <summary>A file beside the corpus folder, not in it (removed with it): what a symbolic link might lead to.</summary>
    public string WriteOutside(string name, string content)
    {
        Directory.CreateDirectory(Root + "-outside");
        var path = Path.Combine(Root + "-outside", name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A symbolic link at <paramref name="relativePath"/> in the corpus to <paramref name="target"/>.</summary>
    public void Link(string relativePath, string target)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (Directory.Exists(target))
        {
            Directory.CreateSymbolicLink(path, target);
        }
        else
        {
            File.CreateSymbolicLink(path, target);
        }
    }

    public CorpusLoadResult Load(CorpusLimits? limits = null) => CorpusLoader.Load(Root, displayRoot: "graph-seed", limits: limits);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            if (Directory.Exists(Root + "-outside"))
            {
                Directory.Delete(Root + "-outside", recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
