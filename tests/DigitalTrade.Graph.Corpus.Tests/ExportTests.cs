using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DigitalTrade.Graph.Exports;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>Each export format loads back with every node and edge and their properties.</summary>
public sealed class ExportTests : IDisposable
{
    private static readonly Lazy<GraphSnapshot> Shipped = new(() => CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dtg-export-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Json_holds_every_entity_and_relation_with_their_properties()
    {
        var file = Path.Combine(_folder, "graph.json");
        GraphExport.Write(Shipped.Value, ExportFormat.Json, file);

        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement;
        Assert.Equal(Shipped.Value.Version, root.GetProperty("version").GetString());
        Assert.Equal(Shipped.Value.Entities.Count, root.GetProperty("entities").GetArrayLength());
        Assert.Equal(Shipped.Value.AllRelations.Count, root.GetProperty("relations").GetArrayLength());
        var table6 = root.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "indicators/table-06-china-digitally-deliverable-services");
        Assert.Equal(Shipped.Value.Find("indicators/table-06-china-digitally-deliverable-services")!.Indicator!.Observations.Count, table6.GetProperty("indicator").GetProperty("observations").GetArrayLength());
        Assert.Contains("数字经济伙伴关系协定", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void GraphMl_is_a_directed_graph_with_typed_attributes()
    {
        var file = Path.Combine(_folder, "graph.graphml");
        GraphExport.Write(Shipped.Value, ExportFormat.GraphMl, file);

        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var document = XDocument.Load(file);
        var graph = document.Root!.Element(ns + "graph")!;
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        var nodes = graph.Elements(ns + "node").ToList();
        var edges = graph.Elements(ns + "edge").ToList();
        Assert.Equal(Shipped.Value.Entities.Count, nodes.Count);
        Assert.Equal(Shipped.Value.AllRelations.Count, edges.Count);
        var keys = nodes.Select(n => (string)n.Attribute("id")!).ToHashSet();
        Assert.All(edges, e => Assert.True(keys.Contains((string)e.Attribute("source")!) && keys.Contains((string)e.Attribute("target")!)));
        var depa = nodes.Single(n => (string?)n.Attribute("id") == "agreements/depa");
        Assert.Equal("数字经济伙伴关系协定", depa.Elements(ns + "data").Single(d => (string?)d.Attribute("key") == "n_name_zh").Value);
        Assert.All(document.Root.Elements(ns + "key"), k => Assert.NotNull(k.Attribute("attr.name")));
    }

    [Fact]
    public void GraphMl_types_counts_and_flags_and_carries_each_nodes_figures_as_json()
    {
        var file = Path.Combine(_folder, "graph.graphml");
        GraphExport.Write(Shipped.Value, ExportFormat.GraphMl, file);

        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var document = XDocument.Load(file);
        var types = document.Root!.Elements(ns + "key").ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.type")!);
        Assert.Equal("int", types["n_figure_count"]);
        Assert.Equal("boolean", types["e_from_narrative"]);
        Assert.Equal("string", types["n_figures"]);
        Assert.Equal("string", types["n_name_zh"]);
        Assert.Equal(["boolean", "int", "string"], types.Values.Distinct().Order(StringComparer.Ordinal));

        var china = Shipped.Value.Find("economies/china")!;
        var node = document.Root.Element(ns + "graph")!.Elements(ns + "node").Single(n => (string?)n.Attribute("id") == china.Key);
        using var figures = JsonDocument.Parse(node.Elements(ns + "data").Single(d => (string?)d.Attribute("key") == "n_figures").Value);
        Assert.Equal(china.Figures.Count, figures.RootElement.GetArrayLength());
        var first = figures.RootElement[0];
        Assert.Equal(china.Figures[0].Value, first.GetProperty("value").GetString());
        Assert.Equal(double.Parse(china.Figures[0].Value, System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("number").GetDouble());
        Assert.Equal(china.Figures[0].Name.Zh, first.GetProperty("name").GetProperty("zh").GetString());
        Assert.Equal(china.Figures[0].Source?.Section, first.GetProperty("source").GetProperty("section").GetString());
    }

    [Fact]
    public void Csv_figures_table_has_a_row_per_figure_with_the_printed_value_and_its_number()
    {
        var files = GraphExport.Write(Shipped.Value, ExportFormat.Csv, Path.Combine(_folder, "csv"));

        var figures = ReadCsv(files[2]);
        Assert.Equal(["entity", "name_zh", "name_en", "value", "number", "unit", "period", "qualifier", "source", "table", "origin", "reference"], figures[0]);
        var expected = Shipped.Value.Entities.SelectMany(e => e.Figures.Select(f => (e.Key, f))).ToList();
        Assert.Equal(expected.Count + 1, figures.Count);
        Assert.All(figures.Skip(1).Zip(expected), pair =>
        {
            var (row, (key, figure)) = pair;
            Assert.Equal(key, row[0]);
            Assert.Equal(figure.Value, row[3]);
            Assert.Equal(double.Parse(figure.Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(figure.Unit ?? string.Empty, row[5]);
            Assert.Equal(figure.Period ?? string.Empty, row[6]);
        });
    }

    [Theory]
    [InlineData(ExportFormat.Json)]
    [InlineData(ExportFormat.GraphMl)]
    [InlineData(ExportFormat.Csv)]
    public void Every_format_reports_its_progress_up_to_every_entity_and_relation(ExportFormat format)
    {
        var reports = new List<ExportProgress>();
        GraphExport.Write(Shipped.Value, format, Path.Combine(_folder, format.ToString()), new SynchronousProgress<ExportProgress>(reports.Add));

        Assert.Equal(new ExportProgress("entities written", Shipped.Value.Entities.Count, Shipped.Value.Entities.Count), reports.Last(r => r.Phase == "entities written"));
        Assert.Equal(new ExportProgress("relations written", Shipped.Value.AllRelations.Count, Shipped.Value.AllRelations.Count), reports[^1]);
        Assert.True(reports.Count < (Shipped.Value.Entities.Count + Shipped.Value.AllRelations.Count) / 100, "reports are thinned out");
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs every report, in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Csv_has_a_row_per_node_and_edge_and_quotes_what_needs_quoting()
    {
        var files = GraphExport.Write(Shipped.Value, ExportFormat.Csv, Path.Combine(_folder, "csv"));

        var nodes = ReadCsv(files[0]);
        var edges = ReadCsv(files[1]);
        Assert.Equal(Shipped.Value.Entities.Count + 1, nodes.Count);
        Assert.Equal(Shipped.Value.AllRelations.Count + 1, edges.Count);
        Assert.All(nodes, row => Assert.Equal(nodes[0].Count, row.Count));
        Assert.All(edges, row => Assert.Equal(edges[0].Count, row.Count));
        var summary = nodes[0].IndexOf("summary_en");
        var depa = nodes.Single(r => r[0] == "agreements/depa");
        Assert.Equal(Shipped.Value.Find("agreements/depa")!.Summary!.En, depa[summary]);
        Assert.Equal(["from", "to", "type"], edges[0].Take(3));
    }

    [Fact]
    public void Csv_and_GraphMl_carry_each_narrative_language_in_its_own_column()
    {
        var files = GraphExport.Write(Shipped.Value, ExportFormat.Csv, Path.Combine(_folder, "csv"));
        var graphml = Path.Combine(_folder, "graph.graphml");
        GraphExport.Write(Shipped.Value, ExportFormat.GraphMl, graphml);

        var nodes = ReadCsv(files[0]);
        var (zh, en) = (nodes[0].IndexOf("narrative_zh"), nodes[0].IndexOf("narrative_en"));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var graph = XDocument.Load(graphml).Root!.Element(ns + "graph")!;
        foreach (var entity in Shipped.Value.Entities)
        {
            var row = nodes.Single(r => r[0] == entity.Key);
            Assert.Equal(entity.Narrative.In(Language.Zh).Text, row[zh]);
            Assert.Equal(entity.Narrative.In(Language.En).Text, row[en]);
        }

        var depa = Shipped.Value.Find("agreements/depa")!;
        var node = graph.Elements(ns + "node").Single(n => (string?)n.Attribute("id") == depa.Key);
        Assert.Equal(depa.Narrative.En!.Text, node.Elements(ns + "data").Single(d => (string?)d.Attribute("key") == "n_narrative_en").Value);
        Assert.DoesNotContain(depa.Narrative.Zh!.Text, depa.Narrative.En.Text, StringComparison.Ordinal);
        Assert.NotEmpty(depa.Narrative.En.Text);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>An RFC 4180 reader, as pandas.read_csv reads: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<List<string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
