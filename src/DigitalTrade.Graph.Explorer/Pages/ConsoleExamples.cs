namespace DigitalTrade.Graph.Explorer;

/// <summary>Questions a researcher asks, each one request: GraphiQL opens them as tabs, named by their operations.</summary>
internal static class ConsoleExamples
{
    public static readonly IReadOnlyList<(string Label, string Query)> All =
    [
        ("DEPA: parties and applicants", """
            query DepaPartiesAndApplicants {
              entity(key: "agreements/depa") {
                name { zh en }
                ... on Agreement { status parties { key name { en } } applicants { name { zh en } } implementedBy { key name { zh } } }
              }
            }
            """),
        ("Hainan pilot to DEPA: paths", """
            query HainanPilotToDepa($from: String = "cases/hainan-data-processing-trade", $to: String = "agreements/depa") {
              paths(from: $from, to: $to, maxHops: 4, first: 3) {
                length nodes { key name { zh en } } edges { from to type }
              }
            }
            """),
        ("Search 数据跨境", """
            query SearchCrossBorderData($q: String = "数据跨境") {
              search(query: $q, first: 5) { totalCount edges { score node { key name { zh en } } highlights { field snippet } } }
            }
            """),
        ("Policies in Hainan since 2024", """
            query HainanPoliciesSince2024 {
              entities(kinds: [POLICY], filter: { province: "provinces/hainan", dateField: "issued", dateFrom: "2024" }, orderBy: DATE_DESC) {
                totalCount nodes { key name { zh } ... on Policy { issued { text } issuers { name { zh } } } }
              }
            }
            """),
        ("Table 6: digitally deliverable services exports", """
            query Table6Exports {
              indicator(key: "indicators/table-06-china-digitally-deliverable-services") {
                table unit observations(series: "exports", economy: "economies/china", from: 2016, to: 2024) { period value unit }
              }
            }
            """),
        ("Corpus counts", """
            query CorpusCounts { corpus { version entityCount relationCount kinds { kind count } } }
            """),
    ];
}
