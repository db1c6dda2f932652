namespace DigitalTrade.Graph.Corpus;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One problem in one corpus file, positioned like a compiler message.</summary>
public sealed record Diagnostic(string Path, int Line, int Column, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary><c>graph-seed/cases/x.md(12,5): error DTG012: …</c>, the format editors' tools understand.</summary>
    public override string ToString() =>
        $"{Path}({Line},{Column}): {(IsError ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>The stable diagnostic codes. Codes are never reused for a different meaning.</summary>
public static class DiagnosticCodes
{
    public const string CorpusNotFound = "DTG000";
    public const string MissingFrontMatter = "DTG001";
    public const string MalformedYaml = "DTG002";
    public const string WrongShape = "DTG003";
    public const string UnknownField = "DTG004";
    public const string MissingField = "DTG005";
    public const string KindFolderMismatch = "DTG006";
    public const string UnknownKind = "DTG007";
    public const string InvalidKey = "DTG008";
    public const string DuplicateAlias = "DTG009";
    public const string BadDate = "DTG010";
    public const string UnknownRelationType = "DTG011";
    public const string DanglingRelation = "DTG012";
    public const string EndpointKindMismatch = "DTG013";
    public const string DanglingLink = "DTG014";
    public const string InvalidValue = "DTG015";
    public const string DuplicateEntity = "DTG016";
    public const string RedundantRelation = "DTG017";
    public const string NotANumber = "DTG018";
    public const string MissingProvenance = "DTG019";
    public const string IndicatorTable = "DTG020";
    public const string EmptyNarrative = "DTG021";
    public const string Placeholder = "DTG022";
    public const string TableArithmetic = "DTG023";
    public const string TextDisagreesWithTable = "DTG024";
    public const string DisallowedLink = "DTG025";
    public const string FileTooLarge = "DTG026";
    public const string YamlTooDeep = "DTG027";
    public const string YamlTooLarge = "DTG028";
    public const string MarkdownTooDeep = "DTG029";
    public const string InvalidEncoding = "DTG030";
    public const string SymbolicLink = "DTG031";
    public const string TooManyProblems = "DTG032";
    public const string NarrativeLanguages = "DTG033";

    // 040 on: provenance per fact (issue 14 items 4 and 6); 034–039 are left to the parallel event-kind work.
    public const string GeneralKnowledge = "DTG040";
    public const string DatesNotStated = "DTG041";
}
