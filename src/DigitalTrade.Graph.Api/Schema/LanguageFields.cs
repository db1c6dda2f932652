using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Utilities;
using static DigitalTrade.Graph.Api.Schema.GraphSchemaFactory;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Fields with a language argument: an entity's narrative, both blocks or one.</summary>
internal static class LanguageFields
{
    public static void ConfigureEntity(TypeConfig type) =>
        Resolve(type, "narrative", ctx => ctx.GetArgument<string?>("lang") switch
        {
            "ZH" => Entity(ctx).Narrative.In(Language.Zh),
            "EN" => Entity(ctx).Narrative.In(Language.En),
            _ => Entity(ctx).Narrative,
        });
}
