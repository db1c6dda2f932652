using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>A request over a limit: the error names the limit, the value and the maximum.</summary>
internal sealed class LimitExceededError : ExecutionError
{
    public LimitExceededError(LimitViolation violation)
        : base(violation.Message)
    {
        Violation = violation;
        Code = "LIMIT_EXCEEDED";
    }

    public LimitViolation Violation { get; }
}

/// <summary>The spec forbids mutations over GET; the schema has none today, but the rule keeps that true if one is added.</summary>
internal sealed class QueriesOnlyOverGet : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGet Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(context.Operation.Operation == OperationType.Query
            ? null
            : new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) => ctx.ReportError(new Error(ctx, operation))));

    public sealed class Error : ValidationError
    {
        public Error(ValidationContext context, GraphQLOperationDefinition node)
            : base(context.Document.Source, "get-query-only", "Only query operations can be sent with GET; use POST.", node)
        {
            Code = "METHOD_NOT_ALLOWED";
        }
    }
}

/// <summary>
/// An operation of a type the schema has no root for (a mutation or subscription here) is a
/// validation error, as graphql-js's KnownOperationTypesRule makes it, not a failure once
/// execution has begun. Every operation of the document is checked, since validated documents are reused.
/// </summary>
internal sealed class KnownOperationTypes : ValidationRuleBase
{
    public static readonly KnownOperationTypes Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) =>
        {
            var supported = operation.Operation switch
            {
                OperationType.Mutation => ctx.Schema.Mutation is not null,
                OperationType.Subscription => ctx.Schema.Subscription is not null,
                _ => true,
            };
            if (!supported)
            {
                var kind = operation.Operation.ToString().ToLowerInvariant();
                ctx.ReportError(new ValidationError(ctx.Document.Source, "known-operation-types", $"The {kind} operation is not supported by the schema.", operation) { Code = "UNSUPPORTED_OPERATION" });
            }
        }));
}

/// <summary>With <see cref="GraphApiOptions.Introspection"/> off, <c>__schema</c> and <c>__type</c> are refused (<c>__typename</c> stays).</summary>
internal sealed class NoIntrospection : ValidationRuleBase
{
    public static readonly NoIntrospection Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.StringValue is "__schema" or "__type")
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "introspection", "Introspection is disabled on this endpoint.", field) { Code = "INTROSPECTION_DISABLED" });
            }
        }));
}
