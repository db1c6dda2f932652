using DigitalTrade.Graph.Model;
using Markdig.Extensions.CustomContainers;
using Markdig.Syntax;

namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// A narrative's two language blocks: <c>::: zh</c> … <c>:::</c> then <c>::: en</c> … <c>:::</c> (Markdig
/// custom containers), each once, Chinese first, nothing but blank lines outside them. Their Markdown is
/// the lines between the fences as written.
/// </summary>
internal sealed record LanguageBlocks(CustomContainer Zh, string ZhMarkdown, CustomContainer En, string EnMarkdown)
{
    /// <summary>The info text that opens each block, in the order the blocks must come.</summary>
    public static readonly IReadOnlyList<(Language Language, string Info)> Fences = [(Language.Zh, "zh"), (Language.En, "en")];

    /// <summary>
    /// Finds the two blocks of a parsed, non-empty narrative; null (with a DTG033 for every problem) when the
    /// body does not have exactly their shape. <paramref name="at"/> maps a (line, column) of the Markdown to the file.
    /// </summary>
    public static LanguageBlocks? Find(MarkdownDocument document, string markdown, Func<int, int, Position> at, DiagnosticBag bag)
    {
        var found = new Dictionary<Language, CustomContainer>();
        var valid = true;
        void Problem(int line, int column, string message)
        {
            bag.Error(at(line, column), DiagnosticCodes.NarrativeLanguages, message);
            valid = false;
        }

        if (!document.OfType<CustomContainer>().Any(c => LanguageOf(c) is not null))
        {
            var first = document.FirstOrDefault(b => b is not LinkReferenceDefinitionGroup) ?? document.First();
            Problem(first.Line, first.Column, "the narrative is not marked by language: write the Chinese between a line '::: zh' and a line ':::', then the English between '::: en' and ':::'");
            return null;
        }

        foreach (var block in document)
        {
            switch (block)
            {
                case LinkReferenceDefinitionGroup group:
                    // Markdig gathers every definition here, wherever it was written: check where that was.
                    foreach (var definition in group.OfType<LinkReferenceDefinition>().Where(d => !document.OfType<CustomContainer>().Any(c => Contains(c, d))))
                    {
                        Problem(definition.Line, definition.Column, "a link definition outside the language blocks: move it into '::: zh' or '::: en'");
                    }

                    break;
                case CustomContainer container when LanguageOf(container) is { } language:
                    if (found.ContainsKey(language))
                    {
                        Problem(container.Line, container.Column, $"a second '::: {container.Info}' block: each language has one block");
                    }
                    else if (language == Language.Zh && found.ContainsKey(Language.En))
                    {
                        Problem(container.Line, container.Column, "the '::: zh' block must come before the '::: en' block");
                    }
                    else
                    {
                        found[language] = container;
                    }

                    if (container.ClosingFencedCharCount == 0)
                    {
                        Problem(container.Line, container.Column, $"the '::: {container.Info}' block is never closed: end it with a line ':::'");
                    }

                    foreach (var inner in container.Descendants<CustomContainer>())
                    {
                        Problem(inner.Line, inner.Column, $"a '{Fence(inner)}' block inside '::: {container.Info}': close '::: {container.Info}' with a line ':::' first");
                    }

                    if (container.Count == 0)
                    {
                        Problem(container.Line, container.Column, $"the '::: {container.Info}' block is empty: write the {Describe(language)} narrative in it");
                    }

                    break;
                case CustomContainer other:
                    Problem(other.Line, other.Column, $"'{Fence(other)}' is not a language block: the narrative has one '::: zh' block and one '::: en' block");
                    break;
                default:
                    Problem(block.Line, block.Column, "text outside the language blocks: put it inside '::: zh' … ':::' or '::: en' … ':::'");
                    break;
            }
        }

        foreach (var (language, info) in Fences.Where(f => !found.ContainsKey(f.Language)))
        {
            Problem(0, 0, $"the narrative has no '::: {info}' block: write the {Describe(language)} narrative between a line '::: {info}' and a line ':::'");
        }

        return valid
            ? new LanguageBlocks(found[Language.Zh], Inside(found[Language.Zh], markdown), found[Language.En], Inside(found[Language.En], markdown))
            : null;
    }

    /// <summary>How a block of each language starts and ends in a file, around its Markdown.</summary>
    public static string Write(string zh, string en) => $"::: zh\n{zh}\n:::\n\n::: en\n{en}\n:::\n";

    private static Language? LanguageOf(CustomContainer container)
    {
        foreach (var (language, info) in Fences)
        {
            if (string.IsNullOrEmpty(container.Arguments) && container.Info == info)
            {
                return language;
            }
        }

        return null;
    }

    private static bool Contains(CustomContainer container, LinkReferenceDefinition definition) =>
        definition.Span.Start > container.Span.Start && definition.Span.Start < container.Span.End;

    private static string Fence(CustomContainer container) =>
        (new string(container.FencedChar, container.OpeningFencedCharCount) + " " + container.Info + " " + container.Arguments).Trim();

    private static string Describe(Language language) => language == Language.Zh ? "Chinese" : "English";

    /// <summary>The lines between a block's fences, without the blank lines at either end.</summary>
    private static string Inside(CustomContainer container, string markdown)
    {
        var start = markdown.IndexOf('\n', container.Span.Start);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = Math.Min(container.Span.End + 1, markdown.Length);
        var closing = markdown.LastIndexOf('\n', end - 1);
        var inner = closing > start ? markdown[(start + 1)..closing] : string.Empty;
        return inner.Trim('\n');
    }
}
