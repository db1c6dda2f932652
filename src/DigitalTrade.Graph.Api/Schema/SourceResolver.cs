using GraphQL;
using GraphQL.Resolvers;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>A field that is a pure function of its parent object: no arguments, no request context, never awaits.</summary>
internal interface ISourceResolver
{
    object? Read(object source);
}

/// <summary>
/// Resolves a field from its parent object alone. GraphQL.NET runs it like any resolver; the execution strategy
/// (<see cref="Execution.PlannedExecutionStrategy"/>) also calls <see cref="Read"/> directly, without building a
/// resolve context or going through the async node machinery — most of an answer's fields are of this kind.
/// </summary>
internal sealed class SourceResolver<TSource>(Func<TSource, object?> read) : IFieldResolver, ISourceResolver
{
    public object? Read(object source) => read((TSource)source);

    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read((TSource)context.Source!));
}
