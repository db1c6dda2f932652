using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Utilities;
using static DigitalTrade.Graph.Api.Schema.GraphSchemaFactory;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Paths with their steps and the relations of each step, and what names resolve to.</summary>
internal static class PathFields
{
    public static void Configure(SchemaBuilder builder)
    {
        var step = builder.Types.For("PathStep");
        Resolve(step, "relations", ctx =>
        {
            var source = (PathStep)ctx.Source!;
            return source.Relations.Select(r => new PathRelationView(r, r.From == source.From));
        });

        var relation = builder.Types.For("PathRelation");
        static PathRelationView View(IResolveFieldContext ctx) => (PathRelationView)ctx.Source!;
        Resolve(relation, "type", ctx => View(ctx).Relation.Type.Info().Name);
        Resolve(relation, "direction", ctx => View(ctx).Forward ? "OUTGOING" : "INCOMING");
        Resolve(relation, "fromNarrative", ctx => View(ctx).Relation.Properties.Origin == RelationOrigin.BodyLink);
        Resolve(relation, "date", ctx => View(ctx).Relation.Properties.Date);
        Resolve(relation, "role", ctx => View(ctx).Relation.Properties.Role);
        Resolve(relation, "note", ctx => View(ctx).Relation.Properties.Note);
        Resolve(relation, "source", ctx => View(ctx).Relation.Properties.Source);

        var match = builder.Types.For("NameMatch");
        Resolve(match, "entity", ctx => GraphRequestContext.From(ctx).Entity(((NameMatch)ctx.Source!).Key));
        Resolve(match, "matchedBy", ctx => ((NameMatch)ctx.Source!).MatchedBy switch
        {
            NameMatchKind.Key => "KEY",
            NameMatchKind.Name => "NAME",
            NameMatchKind.Alias => "ALIAS",
            NameMatchKind.ShortName => "SHORT_NAME",
            _ => "SLUG",
        });
    }
}
