using GraphQL.Types;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// How many items the introspection lists of this schema hold, for costing. <c>types</c> and
/// <c>directives</c> are exact. A list of a type that is an element of <c>types</c> counts as its
/// average over all types (so the whole-schema walk that clients send is costed at what it
/// resolves); the same list on one type reached any other way (<c>__type</c>, <c>type</c>,
/// <c>ofType</c>…) counts as its maximum, so nesting cannot multiply past the cost limit unnoticed.
/// </summary>
internal sealed class IntrospectionSizes
{
    private readonly Dictionary<(string Type, string Field), (double Average, double Maximum)> _sizes = new();
    private readonly double _estimate;

    public IntrospectionSizes(ISchema schema, double estimate)
    {
        _estimate = estimate;
        var types = schema.AllTypes.ToList();
        var fields = types.OfType<IComplexGraphType>().Where(t => t is not IInputObjectGraphType).SelectMany(t => t.Fields).ToList();
        _sizes[("__Schema", "types")] = (types.Count, types.Count);
        _sizes[("__Schema", "directives")] = (schema.Directives.Count, schema.Directives.Count);
        _sizes[("__Type", "fields")] = Sizes(types, t => t is IComplexGraphType complex and not IInputObjectGraphType ? complex.Fields.Count : 0);
        _sizes[("__Type", "inputFields")] = Sizes(types, t => t is IInputObjectGraphType input ? input.Fields.Count : 0);
        _sizes[("__Type", "interfaces")] = Sizes(types, t => t is IImplementInterfaces implementing ? implementing.ResolvedInterfaces.Count : 0);
        _sizes[("__Type", "possibleTypes")] = Sizes(types, t => t is IAbstractGraphType abstractType ? abstractType.PossibleTypes.Count : 0);
        _sizes[("__Type", "enumValues")] = Sizes(types, t => t is EnumerationGraphType enumeration ? enumeration.Values.Count : 0);
        _sizes[("__Field", "args")] = Sizes(fields, f => f.Arguments?.Count ?? 0);
        _sizes[("__Directive", "args")] = Sizes(schema.Directives.ToList(), d => d.Arguments?.Count ?? 0);
        WrapperDepth = fields.Select(f => f.ResolvedType)
            .Concat(fields.SelectMany(f => (IEnumerable<QueryArgument>?)f.Arguments ?? []).Select(a => a.ResolvedType))
            .Concat(types.OfType<IInputObjectGraphType>().SelectMany(t => t.Fields).Select(f => f.ResolvedType))
            .Select(Wrappers)
            .DefaultIfEmpty(0)
            .Max();
    }

    /// <summary>The most list and non-null wrappers around any type in the schema (3 for <c>[ID!]!</c>): deeper <c>ofType</c> levels are null.</summary>
    public int WrapperDepth { get; }

    /// <summary>The items an introspection list is assumed to return; the configured estimate for other lists without a page size.</summary>
    public double ListSize(IGraphType? parent, string field, bool typesElement) =>
        parent?.Name is { } name && _sizes.TryGetValue((name, field), out var size)
            ? (typesElement || name != "__Type" ? size.Average : size.Maximum)
            : _estimate;

    private static int Wrappers(IGraphType? type) =>
        type is NonNullGraphType nonNull ? 1 + Wrappers(nonNull.ResolvedType)
        : type is ListGraphType list ? 1 + Wrappers(list.ResolvedType)
        : 0;

    private static (double Average, double Maximum) Sizes<T>(IReadOnlyCollection<T> items, Func<T, int> count) =>
        items.Count == 0 ? (1, 1) : (Math.Max(1, Math.Ceiling(items.Average(count))), Math.Max(1, items.Max(count)));
}
