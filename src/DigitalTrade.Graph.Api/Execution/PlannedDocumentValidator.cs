using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DigitalTrade.Graph.Api.Http;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// GraphQL.NET's validator, minus the per-request walks a validated document does not need. Even with no rules,
/// <see cref="DocumentValidator"/> walks the whole operation twice per request (variable usages, then every field's
/// arguments): 32–46% of a linked-context request in bench/results/profile.md. For an operation the executor
/// passes with no rules (its document passed every rule before), what those walks find depends only on the
/// document, so it is found once per operation (<see cref="OperationPlan"/>) and only the variables' values and the
/// arguments that use them are coerced per request — by GraphQL.NET's own code, so values and errors are the same.
/// Anything else (rules to run, directives, a mutation) goes to the inner validator unchanged.
/// </summary>
internal sealed class PlannedDocumentValidator(IDocumentValidator inner) : IDocumentValidator
{
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, OperationPlan> _plans = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (!OnlyRulesThePlanKeeps(options.Rules, options.Operation))
        {
            return inner.ValidateAsync(options);
        }

        var schema = options.Schema;
        var document = options.Document;
        var plan = _plans.GetValue(options.Operation, operation => OperationPlan.Build(schema, document, operation));
        return plan.Schema != schema || plan.Document != document || !plan.Usable
            ? inner.ValidateAsync(options)
            : plan.ValidateAsync(options.Variables ?? Inputs.Empty, options.CancellationToken);
    }

    /// <summary>No rules (a document validated before), or only the GET rule for a query, which it would pass.</summary>
    private static bool OnlyRulesThePlanKeeps(IEnumerable<IValidationRule>? rules, GraphQLOperationDefinition? operation)
    {
        if (rules is null || operation is null)
        {
            return false; // null means GraphQL.NET's core rules
        }

        foreach (var rule in rules)
        {
            if (rule != QueriesOnlyOverGet.Instance || operation.Operation != OperationType.Query)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What validation finds in one operation of one document that does not depend on the variables' values.</summary>
    internal sealed class OperationPlan
    {
        private const int MaxPooledContexts = 16;

        private readonly GraphQLOperationDefinition _operation;
        private readonly List<FieldArguments> _fields = [];
        private readonly ConcurrentBag<ValidationContext> _contexts = [];

        private OperationPlan(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
        {
            Schema = schema;
            Document = document;
            _operation = operation;
        }

        public ISchema Schema { get; }

        public GraphQLDocument Document { get; }

        /// <summary>False when the operation uses something the plan does not model (directives, a root type the schema lacks).</summary>
        public bool Usable { get; private set; } = true;

        /// <summary>Fields with arguments, in the order GraphQL.NET's argument visitor meets them.</summary>
        public int FieldCount => _fields.Count;

        public static OperationPlan Build(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
        {
            var plan = new OperationPlan(schema, document, operation);
            plan.Walk();
            return plan;
        }

        public async Task<IValidationResult> ValidateAsync(Inputs inputs, CancellationToken cancellationToken)
        {
            var variables = Variables.None;
            if (_operation.Variables is { Count: > 0 })
            {
                var context = Rent();
                context.Variables = inputs;
                context.CancellationToken = cancellationToken;
                List<ValidationError>? variableErrors;
                try
                {
                    (variables, variableErrors) = await context.GetVariablesValuesAsync().ConfigureAwait(false);
                }
                finally
                {
                    Return(context);
                }

                if (variableErrors is not null)
                {
                    return new ValidationResult(variableErrors) { Variables = variables };
                }
            }

            if (_fields.Count == 0)
            {
                return new ValidationResult(Array.Empty<ValidationError>()) { Variables = variables };
            }

            var arguments = new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>(_fields.Count);
            List<ValidationError>? errors = null;
            foreach (var field in _fields)
            {
                try
                {
                    var values = field.Constant ?? ExecutionHelper.GetArguments(field.Definition.Arguments, field.Node.Arguments, variables, Document, field.Node, null);
                    if (values is not null)
                    {
                        arguments[field.Node] = values;
                    }
                }
                catch (ValidationError error)
                {
                    (errors ??= []).Add(error);
                }
            }

            return new ValidationResult(errors ?? (IEnumerable<ValidationError>)[]) { Variables = variables, ArgumentValues = arguments };
        }

        /// <summary>A context that has walked the operation for its variable usages once (GraphQL.NET keeps them per context).</summary>
        private ValidationContext Rent()
        {
            if (_contexts.TryTake(out var context))
            {
                return context;
            }

            context = new ValidationContext { Schema = Schema, Document = Document, Operation = _operation, TypeInfo = new TypeInfo(Schema) };
            context.GetRecursiveVariables(_operation);
            return context;
        }

        private void Return(ValidationContext context)
        {
            context.Variables = null!;
            if (_contexts.Count < MaxPooledContexts)
            {
                _contexts.Add(context);
            }
        }

        // The walk mirrors GraphQL.NET 8's DocumentValidator.ParseArgumentVisitor: the selected operation, each
        // fragment once, the type scope pushed for object/interface types and kept for unions.
        private void Walk()
        {
            var root = _operation.Operation switch
            {
                OperationType.Query => Schema.Query,
                OperationType.Mutation => Schema.Mutation,
                _ => null,
            };
            if (root is null || HasDirectives(_operation) || _operation.Variables?.Items.Any(HasDirectives) == true)
            {
                Usable = false;
                return;
            }

            WalkSelections(_operation.SelectionSet, root, []);
        }

        private void WalkSelections(GraphQLSelectionSet? selections, IComplexGraphType? type, HashSet<string> visitedFragments)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                if (!Usable)
                {
                    return;
                }

                if (HasDirectives(selection))
                {
                    Usable = false;
                    return;
                }

                switch (selection)
                {
                    case GraphQLField field:
                        WalkField(field, type, visitedFragments);
                        break;
                    case GraphQLInlineFragment inline:
                        WalkFragmentBody(inline.TypeCondition, inline.SelectionSet, type, visitedFragments);
                        break;
                    case GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue):
                        if (Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } definition)
                        {
                            if (HasDirectives(definition))
                            {
                                Usable = false;
                                return;
                            }

                            WalkFragmentBody(definition.TypeCondition, definition.SelectionSet, type, visitedFragments);
                        }

                        break;
                }
            }
        }

        private void WalkFragmentBody(GraphQLTypeCondition? condition, GraphQLSelectionSet selections, IComplexGraphType? type, HashSet<string> visitedFragments)
        {
            if (condition is null)
            {
                WalkSelections(selections, type, visitedFragments);
                return;
            }

            switch (Schema.AllTypes[condition.Type.Name.Value]?.GetNamedType())
            {
                case IComplexGraphType complex:
                    WalkSelections(selections, complex, visitedFragments);
                    break;
                case IAbstractGraphType:
                    WalkSelections(selections, type, visitedFragments);
                    break;
            }
        }

        private void WalkField(GraphQLField field, IComplexGraphType? type, HashSet<string> visitedFragments)
        {
            var name = field.Name.Value;
            var definition =
                name == Schema.TypeMetaFieldType.Name ? Schema.TypeMetaFieldType :
                name == Schema.TypeNameMetaFieldType.Name ? Schema.TypeNameMetaFieldType :
                name == Schema.SchemaMetaFieldType.Name ? Schema.SchemaMetaFieldType :
                type?.Fields.Find(name);
            if (definition is null)
            {
                return;
            }

            if (field.Arguments is { Count: > 0 } arguments)
            {
                _fields.Add(new FieldArguments(field, definition, ConstantArguments(field, definition, arguments)));
            }

            switch (definition.ResolvedType?.GetNamedType())
            {
                case IComplexGraphType complex:
                    WalkSelections(field.SelectionSet, complex, visitedFragments);
                    break;
                case UnionGraphType:
                    WalkSelections(field.SelectionSet, type, visitedFragments);
                    break;
            }
        }

        /// <summary>Arguments written as literals only are coerced once; null when a variable is used or coercion fails (then it runs per request and reports).</summary>
        private IDictionary<string, ArgumentValue>? ConstantArguments(GraphQLField field, FieldType definition, GraphQLArguments arguments)
        {
            if (arguments.Items.Any(a => UsesVariable(a.Value)))
            {
                return null;
            }

            try
            {
                return ExecutionHelper.GetArguments(definition.Arguments, arguments, Variables.None, Document, field, null);
            }
            catch (ValidationError)
            {
                return null;
            }
        }

        private static bool UsesVariable(GraphQLValue value) => value switch
        {
            GraphQLVariable => true,
            GraphQLListValue list => list.Values?.Any(UsesVariable) == true,
            GraphQLObjectValue obj => obj.Fields?.Any(f => UsesVariable(f.Value)) == true,
            _ => false,
        };

        private static bool HasDirectives(ASTNode node) => node is IHasDirectivesNode { Directives.Count: > 0 };
    }

    private sealed record FieldArguments(GraphQLField Node, FieldType Definition, IDictionary<string, ArgumentValue>? Constant);
}
