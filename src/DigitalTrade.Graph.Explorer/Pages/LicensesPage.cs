using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>The third-party code the explorer ships (GraphiQL, Cytoscape.js and what they bundle), each with its licence text.</summary>
internal static class LicensesPage
{
    public static IResult Handle()
    {
        var assets = EmbeddedAssets.Instance;
        var body = new Html().El("h1", "Third-party licences")
            .El("p", "The console (GraphiQL) and the graph (Cytoscape.js with fCoSE) are built from these npm packages by tools/explorer-assets; each licence text is served as shipped.")
            .Open("ul", "class=\"plain licences\"");
        foreach (var path in assets.Paths.Where(p => p.StartsWith("vendor/licenses/", StringComparison.Ordinal) && !p.EndsWith("PACKAGES.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var package = Path.GetFileNameWithoutExtension(path).Replace("__", "/", StringComparison.Ordinal);
            body.Open("li").Open("a", Html.Attr("href", assets.Url(path))).Text(package).Close("a").Close("li");
        }

        return PageLayout.Result("Licences", body.Close("ul").Open("p").Open("a", Html.Attr("href", assets.Url("vendor/licenses/PACKAGES.txt"))).Text("Package list with versions").Close("a").Close("p"));
    }
}
