using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>
/// Introspection as current clients ask for it. GraphQL.NET 8 serves the 2021 spec's introspection
/// and, behind feature switches, the working draft's <c>isRepeatable</c> and input-value
/// deprecation (<c>args(includeDeprecated:)</c> on fields, <c>inputFields(includeDeprecated:)</c>,
/// <c>isDeprecated</c> on input values). It has no <c>specifiedByURL</c> and no
/// <c>includeDeprecated</c> on a directive's <c>args</c>, which graphql-js's
/// <c>getIntrospectionQuery</c> options and Python gql's default query ask for: both are added here.
/// </summary>
internal static class IntrospectionCompatibility
{
    /// <summary>Switches the features on and adds the missing fields; call before the schema is initialized.</summary>
    public static void Enable(GraphQL.Types.Schema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.RegisterVisitor(new MissingFields());
    }

    private sealed class MissingFields : BaseSchemaNodeVisitor
    {
        public override void PostVisitSchema(ISchema schema)
        {
            var text = schema.AllTypes["String"]!;
            var boolean = schema.AllTypes["Boolean"]!;

            // Only custom scalars can have a specification URL; this schema declares none.
            ((IComplexGraphType)schema.AllTypes["__Type"]!).AddField(new FieldType
            {
                Name = "specifiedByURL",
                Description = "A URL specifying the behaviour of a custom scalar; null for built-in scalars and other types.",
                ResolvedType = text,
                Resolver = new FuncFieldResolver<object?>(_ => null),
            });

            var args = ((IComplexGraphType)schema.AllTypes["__Directive"]!).GetField("args")!;
            args.Arguments = new QueryArguments(new QueryArgument(boolean) { Name = "includeDeprecated", DefaultValue = false });
            args.Resolver = new FuncFieldResolver<object?>(context =>
            {
                var includeDeprecated = context.GetArgument<bool>("includeDeprecated");
                IEnumerable<QueryArgument> arguments = ((Directive)context.Source!).Arguments ?? [];
                return arguments.Where(a => includeDeprecated || string.IsNullOrWhiteSpace(a.DeprecationReason)).ToList();
            });
        }
    }
}
