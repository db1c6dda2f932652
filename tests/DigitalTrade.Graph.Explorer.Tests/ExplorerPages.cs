namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Every kind of explorer page, for the checks that hold on all of them (accessibility, offline, CSP, forged hosts).</summary>
public static class ExplorerPages
{
    public static readonly string[] All =
    [
        "/",
        "/search",
        "/search?q=DEPA",
        "/search?q=%E6%95%B0%E6%8D%AE%E8%B7%A8%E5%A2%83&kind=CASE",
        "/browse",
        "/browse?kind=POLICY&level=national",
        "/entity/agreements/depa",
        "/entity/provinces/hainan",
        "/entity/indicators/table-06-china-digitally-deliverable-services",
        "/entity/events/paris-ai-action-summit",
        "/entity/economies/japan",
        "/entity/policies/binjiang-ip-navigation-action-plan",
        "/?events=events",
        "/graph",
        "/graph?key=agreements/depa",
        "/graph?from=cases/hainan-data-processing-trade&to=agreements/depa",
        "/paths",
        "/paths?from=Hainan&to=DEPA",
        "/indicators",
        "/indicators/table-03-top-10-exporters",
        "/indicators/table-06-china-digitally-deliverable-services",
        "/graphiql",
        "/diagnostics",
        "/licenses",
    ];

    public static TheoryData<string> Data() => [.. All];
}
