using FsCheck;
using FsCheck.Fluent;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>Random and mutated Markdown/YAML never make the loader throw; every problem becomes a positioned diagnostic.</summary>
public sealed class LoaderFuzzTests
{
    private static readonly string[] Pieces =
    [
        "---", "\n", ":", " ", "  ", "\t", "-", "[", "]", "{", "}", "\"", "'", "#", "&a", "*a", "!!binary", "|", ">", "?", ",",
        "kind: case", "name:", "zh: 甲", "en: A", "relations:", "LOCATED_IN:", "provinces/zhejiang", "target:", "figures:", "value: 1e3",
        "dates:", "started: 2024-13", "rows:", "series:", "sources:", "section:", "[link](../x.md)", "](", "\u0000", "\ufeff", "中文", "\r\n",
    ];

    [Fact]
    public void Mutated_files_never_throw_and_every_diagnostic_has_a_position()
    {
        var valid = TestCorpus.Entity("case", "甲", "A", "theme: overview", "relations:\n  LOCATED_IN: provinces/zhejiang", "见 [浙江](../provinces/zhejiang.md)。");
        var mutations =
            from position in Gen.Choose(0, valid.Length)
            from cut in Gen.Choose(0, 20)
            from insert in Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p))
            select valid[..position] + insert + valid[Math.Min(valid.Length, position + cut)..];

        Prop.ForAll(mutations.ToArbitrary(), Survives).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var text = Gen.OneOf(
            Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p)),
            ArbMap.Default.GeneratorFor<string>().Select(s => "---\n" + (s ?? string.Empty)));

        Prop.ForAll(text.ToArbitrary(), Survives).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static bool Survives(string content)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/fuzzed.md", content);

        var result = corpus.Load();

        var lines = content.Split('\n').Length + 1;
        var fuzzed = result.Diagnostics.Where(d => d.Path.EndsWith("cases/fuzzed.md", StringComparison.Ordinal)).ToList();
        return result.Diagnostics.All(d => d.Line >= 1 && d.Column >= 1)
            && fuzzed.All(d => d.Line <= lines)
            && (result.Succeeded || result.Diagnostics.Any(d => d.IsError));
    }
}
