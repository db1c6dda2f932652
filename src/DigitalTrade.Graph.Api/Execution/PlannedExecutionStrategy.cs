using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DigitalTrade.Graph.Api.Schema;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// GraphQL.NET's serial strategy, with each selection set's fields collected once per document and object type
/// instead of once per object answered: a neighborhood of 100 entities collected the same three selection sets
/// (node, name, edge) for every item. What CollectFields finds depends only on the document, the object type and
/// the directives' values, so a document with any directive (its '@' anywhere in the text, strings included:
/// conservative) is collected per object as before.
/// </summary>
internal sealed class PlannedExecutionStrategy : SerialExecutionStrategy
{
    public static new PlannedExecutionStrategy Instance { get; } = new();

    private static readonly ConditionalWeakTable<GraphQLDocument, CollectedFields> Collected = [];

    /// <summary>
    /// A field read from its parent object alone (<see cref="ISourceResolver"/>) that is a scalar or an object is
    /// completed here, synchronously, as GraphQL.NET would complete it (serialize, check the result, build the child
    /// nodes). If anything throws, the pure read is simply run again by GraphQL.NET's own path, which reports the
    /// error as it always does. Every field first checks the request's deadline against the clock (see <see cref="ExecutionDeadline"/>).
    /// </summary>
    protected override Task ExecuteNodeAsync(ExecutionContext context, ExecutionNode node)
    {
        (context.UserContext as GraphRequestContext)?.Deadline?.ThrowIfPassed();
        if (node.FieldDefinition?.Resolver is ISourceResolver read && node.Parent is not (null or ArrayExecutionNode) && node.Source is { } source
            && node is ValueExecutionNode or ObjectExecutionNode && !context.CancellationToken.IsCancellationRequested)
        {
            try
            {
                var result = read.Read(source);
                node.Result = node is ValueExecutionNode value ? value.GraphType.Serialize(result) : result;
                ValidateNodeResult(context, node);
                if (node is ObjectExecutionNode parent && node.Result is not null)
                {
                    SetSubFieldNodes(context, parent);
                }

                return Task.CompletedTask;
            }
            catch (Exception)
            {
                node.Result = null;
                if (node is ObjectExecutionNode parent)
                {
                    parent.SubFields = null;
                }
            }
        }

        return base.ExecuteNodeAsync(context, node);
    }

    protected override void SetSubFieldNodes(ExecutionContext context, ObjectExecutionNode parent)
    {
        var collected = Collected.GetValue(context.Document, static document => new CollectedFields(document));
        if (!collected.Cacheable || parent.SelectionSet is not { } selectionSet)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }

        var parentType = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        if (!collected.BySelection.TryGetValue((selectionSet, parentType), out var fields))
        {
            fields = [.. CollectFieldsFrom(context, parentType, selectionSet, null).Values];
            collected.BySelection.TryAdd((selectionSet, parentType), fields);
        }

        var subFields = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, definition) = fields[i];
            subFields[i] = BuildExecutionNode(parent, definition.ResolvedType!, field, definition);
        }

        parent.SubFields = subFields;
    }

    /// <summary>One document's collected fields per (selection set, object type): bounded by the document's size, dropped with it.</summary>
    private sealed class CollectedFields(GraphQLDocument document)
    {
        public bool Cacheable { get; } = !document.Source.Span.Contains('@');

        public ConcurrentDictionary<(GraphQLSelectionSet, IGraphType), (GraphQLField Field, FieldType Definition)[]> BySelection { get; } = new();
    }
}
