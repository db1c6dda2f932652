using System.Text;
using DigitalTrade.Graph.Model;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace DigitalTrade.Graph.Search;

/// <summary>Index tokens that satisfy a query term: one token, or several at the given relative positions (a phrase).</summary>
internal sealed record TokenSequence(string[] Tokens, int[] Positions, bool Approximate = false)
{
    public int Last => Positions[^1];
}

/// <summary>One term of a query, matched when any of its sequences occurs in any searched field.</summary>
internal sealed record QueryTerm(string Text, IReadOnlyList<TokenSequence> Sequences);

/// <summary>
/// A query as the index answers it: the terms that must all match, and the Lucene query that scores
/// them. Made once per distinct text and index (see <see cref="PreparedQuery"/>).
/// </summary>
internal sealed class QueryPlan
{
    /// <summary>Words of one query that may be widened to prefixes and misspellings, and the words each may become.</summary>
    public const int MaxWidenedTerms = 3;
    private const int MaxAlternatives = 20;

    private static readonly SmartChineseAnalyzer Segmenter = new(LuceneVersion.LUCENE_48);

    /// <summary>Characters that, standing alone, only join words (的, 和, …): never searched, never glued to a neighbour.</summary>
    private static readonly HashSet<string> FunctionCharacters = new(["的", "了", "和", "与", "及", "或", "在", "是", "之", "对", "从", "等"], StringComparer.Ordinal);

    private QueryPlan(string label, IReadOnlyList<QueryTerm> terms, Query query)
    {
        Label = label;
        Terms = terms;
        Query = query;
    }

    /// <summary>The query normalized as names are: what an exact name or alias match compares.</summary>
    public string Label { get; }

    public IReadOnlyList<QueryTerm> Terms { get; }

    /// <summary>Every term must match: the Lucene query of the terms, with the words together in order scoring extra.</summary>
    public Query Query { get; }

    /// <summary>Null when the text holds nothing searchable (only punctuation or stop words).</summary>
    public static QueryPlan? Create(string text, IndexReader reader)
    {
        var terms = new List<QueryTerm>();
        foreach (var (segment, quoted) in Quoted(text))
        {
            if (quoted)
            {
                AddUnlessEmpty(terms, segment, Analyze(segment));
                continue;
            }

            foreach (var (run, han) in Runs(segment))
            {
                foreach (var word in han ? ChineseWords(run) : [.. run.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)])
                {
                    AddUnlessEmpty(terms, word, Analyze(word));
                }
            }
        }

        if (terms.Count > SearchQuery.MaxTerms)
        {
            throw new GraphQueryException("INVALID_ARGUMENT", $"'query' may have at most {SearchQuery.MaxTerms} terms, got {terms.Count}.");
        }

        if (terms.Count == 0)
        {
            return null;
        }

        // Widening a word costs term-dictionary walks: a few per query, however many words it has.
        for (int i = 0, widened = 0; i < terms.Count && widened < MaxWidenedTerms; i++)
        {
            var term = WithTypoAlternatives(terms[i], reader);
            widened += ReferenceEquals(term, terms[i]) ? 0 : 1;
            terms[i] = term;
        }

        return new QueryPlan(Labels.Normalize(text), terms, Build(terms, terms.Count > 1 ? Analyze(text) : null));
    }

    /// <summary>Analyzes <paramref name="text"/> as the index does; null when nothing is left.</summary>
    public static TokenSequence? Analyze(string text)
    {
        var tokens = new List<string>();
        var positions = new List<int>();
        using var stream = TextAnalyzer.Instance.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(term.ToString());
            positions.Add(position);
        }

        stream.End();
        return tokens.Count == 0 ? null : new TokenSequence([.. tokens], [.. positions.Select(p => p - positions[0])]);
    }

    private static void AddUnlessEmpty(List<QueryTerm> terms, string text, TokenSequence? sequence)
    {
        if (sequence is not null)
        {
            terms.Add(new QueryTerm(text, [sequence]));
        }
    }

    /// <summary>"Quoted text" is one term, matched as a phrase; the rest is split into words.</summary>
    private static IEnumerable<(string Text, bool Quoted)> Quoted(string text)
    {
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            // An unpaired quote leaves its last part unquoted.
            var quoted = i % 2 == 1 && i < parts.Length - 1;
            if (parts[i].Trim().Length > 0)
            {
                yield return (parts[i].Trim(), quoted);
            }
        }
    }

    /// <summary>Runs of Chinese characters and runs of anything else.</summary>
    private static IEnumerable<(string Text, bool Han)> Runs(string text)
    {
        var start = 0;
        var han = false;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var isHan = IsHan(rune.Value);
            if (index > start && isHan != han)
            {
                yield return (text[start..index], han);
                start = index;
            }

            han = isHan;
            index += rune.Utf16SequenceLength;
        }

        if (index > start)
        {
            yield return (text[start..index], han);
        }
    }

    /// <summary>Whether the text has Chinese characters.</summary>
    public static bool HasHan(string text) => text.EnumerateRunes().Any(r => IsHan(r.Value));

    private static bool IsHan(int c) =>
        c is (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F);

    /// <summary>
    /// The words of a Chinese run as the dictionary segments it. Characters the dictionary leaves on
    /// their own are never searched alone: consecutive ones form one word (an out-of-vocabulary name
    /// such as 查全球), a lone one joins the word before it (稳定+币 → 稳定币) or after it.
    /// </summary>
    private static List<string> ChineseWords(string run)
    {
        var segments = new List<string>();
        using (var stream = Segmenter.GetTokenStream(string.Empty, run))
        {
            var offsets = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                segments.Add(run[offsets.StartOffset..offsets.EndOffset]);
            }

            stream.End();
        }

        var words = new List<string>();
        var pending = new StringBuilder();
        foreach (var segment in segments.Where(s => !FunctionCharacters.Contains(s)))
        {
            if (segment.EnumerateRunes().Count() == 1)
            {
                pending.Append(segment);
                continue;
            }

            Flush(segment);
        }

        Flush(null);
        return words;

        void Flush(string? next)
        {
            var singles = pending.ToString();
            pending.Clear();
            if (singles.EnumerateRunes().Count() == 1 && (words.Count > 0 || next is not null))
            {
                // A lone character belongs to a neighbour: the word before it, or else the word after it.
                if (words.Count > 0)
                {
                    words[^1] += singles;
                }
                else
                {
                    next = singles + next;
                }
            }
            else if (singles.Length > 0)
            {
                words.Add(singles);
            }

            if (next is not null)
            {
                words.Add(next);
            }
        }
    }

    /// <summary>
    /// An English word found nowhere in the index (3 letters or more), as typed or stemmed, may be the
    /// start of a word that is (artifical → artif… → artificial), and from 5 letters also one edit from
    /// one (a letter missing, extra, wrong or two swapped). These alternatives score a third of an
    /// exact match. The term comes back unchanged otherwise.
    /// </summary>
    private static QueryTerm WithTypoAlternatives(QueryTerm term, IndexReader reader)
    {
        var exact = term.Sequences[0];
        var raw = Labels.Normalize(term.Text);
        var fields = SearchFields.All.Select(f => f.Name).ToList();
        if (exact.Tokens.Length != 1 || raw.Length < 3 || !raw.All(char.IsAsciiLetterOrDigit)
            || fields.Exists(f => reader.DocFreq(new Term(f, exact.Tokens[0])) > 0))
        {
            return term;
        }

        // One automaton per spelling, walked over each field's term dictionary: words it begins, or one edit away (first letter kept).
        var close = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in new[] { raw, exact.Tokens[0] }.Distinct(StringComparer.Ordinal))
        {
            var prefix = BasicOperations.Concatenate(BasicAutomata.MakeString(word), BasicAutomata.MakeAnyString());
            var spellings = word.Length >= 5
                ? BasicOperations.Union(prefix, BasicOperations.Concatenate(BasicAutomata.MakeString(word[..1]), new LevenshteinAutomata(word[1..], true).ToAutomaton(1)))
                : prefix;
            var compiled = new CompiledAutomaton(spellings);
            foreach (var field in fields)
            {
                if (MultiFields.GetTerms(reader, field) is not { } terms)
                {
                    continue;
                }

                var found = compiled.GetTermsEnum(terms);
                for (var i = 0; i < MaxAlternatives && found.MoveNext(); i++)
                {
                    close.Add(found.Term.Utf8ToString());
                }
            }
        }

        return term with { Sequences = [exact, .. close.Take(MaxAlternatives).Select(t => new TokenSequence([t], [0], Approximate: true))] };
    }

    private static BooleanQuery Build(IReadOnlyList<QueryTerm> terms, TokenSequence? whole)
    {
        var every = new BooleanQuery(disableCoord: true);
        foreach (var term in terms)
        {
            var any = new BooleanQuery(disableCoord: true);
            foreach (var field in SearchFields.All)
            {
                foreach (var sequence in term.Sequences)
                {
                    any.Add(Boosted(Match(field.Name, sequence), field.Boost * (sequence.Approximate ? 0.3f : 1f)), Occur.SHOULD);
                }
            }

            every.Add(any, Occur.MUST);
        }

        // Ranking only: the words together and in order in a name or summary.
        if (whole is { Tokens.Length: > 1 })
        {
            foreach (var field in SearchFields.All.Where(f => f.Boost > 1))
            {
                every.Add(Boosted(Match(field.Name, whole), field.Boost * 2), Occur.SHOULD);
            }
        }

        return every;
    }

    /// <summary>Any of the names, in any field, weighted as the field is.</summary>
    public static Query AnyOf(IEnumerable<TokenSequence> names)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var name in names)
        {
            foreach (var field in SearchFields.All)
            {
                any.Add(Boosted(Match(field.Name, name), field.Boost), Occur.SHOULD);
            }
        }

        return any;
    }

    private static Query Match(string field, TokenSequence sequence)
    {
        if (sequence.Tokens.Length == 1)
        {
            return new TermQuery(new Term(field, sequence.Tokens[0]));
        }

        var phrase = new PhraseQuery();
        for (var i = 0; i < sequence.Tokens.Length; i++)
        {
            phrase.Add(new Term(field, sequence.Tokens[i]), sequence.Positions[i]);
        }

        return phrase;
    }

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
