using DigitalTrade.Graph.Model;
using GraphQL.Utilities;
using static DigitalTrade.Graph.Api.Schema.GraphSchemaFactory;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Where each fact comes from: the report or general knowledge (<c>Source.origin</c>), with its reference.</summary>
internal static class ProvenanceFields
{
    public static void Configure(SchemaBuilder builder) =>
        Resolve(builder.Types.For("Source"), "origin", ctx => ((SourceRef)ctx.Source!).Origin == SourceOrigin.General ? "GENERAL" : "REPORT");
}
