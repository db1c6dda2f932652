using System.Globalization;
using System.Xml;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

/// <summary>
/// GraphML (http://graphml.graphdrawing.org/) with typed keys, as Gephi and networkx.read_graphml read it:
/// counts are int, yes/no values boolean, the rest string; a node's figures are one JSON-encoded attribute
/// (<c>figures</c>, the same objects as the JSON export) because GraphML attributes hold no lists.
/// </summary>
public static class GraphMlWriter
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";
    private const string FiguresKey = "figures";

    public static void Write(GraphSnapshot snapshot, Stream stream, IProgress<ExportProgress>? progress = null)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        foreach (var key in GraphExport.NodeColumns)
        {
            DeclareKey(xml, "n_" + key, "node", key, GraphExport.ColumnType(key));
        }

        DeclareKey(xml, "n_" + FiguresKey, "node", FiguresKey, "string");
        foreach (var key in GraphExport.EdgeColumns.Where(c => c is not "from" and not "to"))
        {
            DeclareKey(xml, "e_" + key, "edge", key, GraphExport.ColumnType(key));
        }

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "digitaltrade-" + snapshot.Version);
        xml.WriteAttributeString("edgedefault", "directed");
        var written = 0;
        foreach (var entity in snapshot.Entities)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", entity.Key);
            WriteData(xml, "n_", GraphExport.NodeProperties(entity));
            if (entity.Figures.Count > 0)
            {
                WriteData(xml, "n_", [(FiguresKey, JsonGraphWriter.FiguresJson(entity.Figures))]);
            }

            xml.WriteEndElement();
            GraphExport.Report(progress, "entities written", ++written, snapshot.Entities.Count);
        }

        written = 0;
        foreach (var relation in snapshot.AllRelations)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", "e" + written.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", relation.From);
            xml.WriteAttributeString("target", relation.To);
            WriteData(xml, "e_", GraphExport.EdgeProperties(relation).Where(p => p.Name is not "from" and not "to"));
            xml.WriteEndElement();
            GraphExport.Report(progress, "relations written", ++written, snapshot.AllRelations.Count);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void DeclareKey(XmlWriter xml, string id, string target, string name, string type)
    {
        xml.WriteStartElement("key", Namespace);
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", target);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void WriteData(XmlWriter xml, string prefix, IEnumerable<(string Name, string? Value)> properties)
    {
        foreach (var (name, value) in properties)
        {
            if (!string.IsNullOrEmpty(value))
            {
                xml.WriteStartElement("data", Namespace);
                xml.WriteAttributeString("key", prefix + name);
                xml.WriteString(value);
                xml.WriteEndElement();
            }
        }
    }
}
