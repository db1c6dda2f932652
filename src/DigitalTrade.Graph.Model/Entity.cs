namespace DigitalTrade.Graph.Model;

/// <summary>Text in both languages of the graph: Chinese is primary, English always present.</summary>
public sealed record LocalizedText(string Zh, string En);

/// <summary>Where a fact comes from: the report (the default), or general knowledge with a reference.</summary>
public enum SourceOrigin
{
    Report,
    General,
}

/// <summary>
/// Where a fact comes from: the report's heading path and, for figures, its table; or, for a fact the report
/// does not state, general knowledge with a short <see cref="Reference"/> (the treaty text, a body's own site).
/// A general source may keep a section: where the report discusses the subject.
/// </summary>
public sealed record SourceRef(string? Section, string? Table = null, string? Note = null)
{
    public SourceOrigin Origin { get; init; } = SourceOrigin.Report;

    /// <summary>For a general-knowledge fact: where it can be checked.</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// On an entity's <c>sources</c>: the facts of the entity this source vouches for (<c>status</c>,
    /// <c>name.en</c>, <c>dates.signed</c>, <c>aliases.DEPA</c> …); empty when it vouches for the file as a whole.
    /// </summary>
    public IReadOnlyList<string> About { get; init; } = [];
}

/// <summary>A named date in an entity's life (signed, in force, issued …), as precise as the report gives it.</summary>
public sealed record DatedEvent(string Name, PartialDate Date);

/// <summary>A number the report gives about an entity, exactly as printed, with its unit and period.</summary>
public sealed record Figure(LocalizedText Name, string Value, string? Unit, string? Period, string? Qualifier, SourceRef? Source);

/// <summary>The two languages of the graph's texts.</summary>
public enum Language
{
    Zh,
    En,
}

/// <summary>
/// The body of an entity's file: Markdown, rendered HTML and plain text for search. The file writes it
/// in two blocks, Chinese then English; this record is both together (Chinese first, as the graph has
/// always served it), and <see cref="Zh"/> and <see cref="En"/> are each block alone.
/// </summary>
public sealed record Narrative(string Markdown, string Html, string Text)
{
    public static readonly Narrative Empty = new(string.Empty, string.Empty, string.Empty);

    /// <summary>The Chinese block; null when the body is empty.</summary>
    public Narrative? Zh { get; init; }

    /// <summary>The English block; null when the body is empty.</summary>
    public Narrative? En { get; init; }

    /// <summary>One language's block (empty when there is none).</summary>
    public Narrative In(Language language) => (language == Language.Zh ? Zh : En) ?? Empty;

    /// <summary>Both blocks as one narrative, Chinese first.</summary>
    public static Narrative Bilingual(Narrative zh, Narrative en)
    {
        ArgumentNullException.ThrowIfNull(zh);
        ArgumentNullException.ThrowIfNull(en);
        return new(Join(zh.Markdown, en.Markdown, "\n\n"), zh.Html + en.Html, Join(zh.Text, en.Text, "\n")) { Zh = zh, En = en };
    }

    private static string Join(string first, string second, string separator) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + separator + second;
}

/// <summary>One value column of a report table.</summary>
public sealed record IndicatorSeries(string Id, LocalizedText Name, string Unit);

/// <summary>One printed value of a report table: a series, for an economy, in a period.</summary>
public sealed record Observation(string Series, string Period, string Economy, string Value);

/// <summary>A statistical table of the report, kept as series and observations.</summary>
public sealed record IndicatorTable(
    string Table,
    string Unit,
    string? DataSource,
    string? Notes,
    IReadOnlyList<IndicatorSeries> Series,
    IReadOnlyList<Observation> Observations);

/// <summary>
/// One node of the graph. Kind-specific facets (status, type, level, theme) are plain strings
/// validated by the corpus against the values the kind allows.
/// </summary>
public sealed record Entity(
    string Key,
    EntityKind Kind,
    LocalizedText Name,
    IReadOnlyList<string> Aliases,
    LocalizedText? Summary,
    Narrative Narrative,
    IReadOnlyList<DatedEvent> Dates,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<SourceRef> Sources)
{
    public string? Status { get; init; }

    /// <summary>The kind's own classification: agreement type, policy type, zone type, …</summary>
    public string? Category { get; init; }

    /// <summary>For policies: national, provincial, ftz, city, district, foreign, international, sar.</summary>
    public string? Level { get; init; }

    /// <summary>For cases: the report chapter theme the case belongs to.</summary>
    public string? Theme { get; init; }

    public IndicatorTable? Indicator { get; init; }

    /// <summary>Named dates the report does not give, marked <c>not_given</c> in the corpus (so "not in the report" is not "missing").</summary>
    public IReadOnlyList<string> DatesNotGiven { get; init; } = [];

    public PartialDate? DateOf(string name) => Dates.FirstOrDefault(d => d.Name == name)?.Date;
}
