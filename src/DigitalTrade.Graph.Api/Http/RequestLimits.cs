using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>A limit a request went over: which, by how much.</summary>
internal sealed record LimitViolation(string Limit, long Value, long Maximum)
{
    public string Message => $"The request exceeds the {Limit} limit: {Value} is more than {Maximum}.";
}

/// <summary>
/// Checks a request against <see cref="GraphApiOptions"/> before any execution: size and tokens
/// before parsing, then arguments, depth, aliases, directives, root fields and cost on the parsed
/// document. The analysis is linear in the document: each fragment is summarised once (per page
/// size it is spread under) and its summary multiplied where it is used, so a fragment bomb costs
/// no more to analyse than its text; it stops at the first maximum passed and honours cancellation.
/// </summary>
internal sealed class RequestLimits(GraphApiOptions options, ISchema schema)
{
    public LimitViolation? CheckText(string query)
    {
        if (query.Length > options.MaxDocumentLength)
        {
            return new LimitViolation("document length", query.Length, options.MaxDocumentLength);
        }

        var tokens = 0;
        var position = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(query, position);
                if (token.Kind == TokenKind.EOF)
                {
                    return null;
                }

                if (++tokens > options.MaxTokens)
                {
                    return new LimitViolation("token count", tokens, options.MaxTokens);
                }

                position = token.End;
            }
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return null; // the parser reports it, with its position
        }
    }

    public LimitViolation? CheckDocument(GraphQLDocument document, string? operationName, Inputs? variables, CancellationToken cancellationToken)
    {
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => operationName is null || o.Name?.StringValue == operationName);
        if (operation is null)
        {
            return null; // validation says which operation is missing
        }

        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment); // duplicates are a validation error
        }

        var analysis = new Analysis(this, fragments, variables, cancellationToken);
        try
        {
            var directives = (double)(operation.Directives?.Items.Count ?? 0);
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                directives += variable.Directives?.Items.Count ?? 0;
            }

            Check("directive", directives, options.MaxDirectives);
            var root = analysis.Selections(operation.SelectionSet, schema.Query, default);
            Check("root field", root.Fields, options.MaxRootFields);
            Check("depth", 1 + root.Depth, options.MaxDepth);
            Check("directive", directives + root.Directives, options.MaxDirectives);
            return null;
        }
        catch (LimitExceeded exceeded)
        {
            return exceeded.Violation;
        }
    }

    /// <summary>What a selection set adds up to, relative to where it is used (multiplier 1, depth 0).</summary>
    private readonly record struct Totals(double Cost, int Depth, int TypeDepth, double Aliases, double Directives, double Fields)
    {
        public static Totals operator +(Totals a, Totals b) =>
            new(a.Cost + b.Cost, Math.Max(a.Depth, b.Depth), Math.Max(a.TypeDepth, b.TypeDepth), a.Aliases + b.Aliases, a.Directives + b.Directives, a.Fields + b.Fields);
    }

    /// <summary>
    /// Where a selection set is: under a connection's page size (which its edges and nodes lists
    /// return), on an element of <c>__schema.types</c>, or this many <c>ofType</c> levels into an
    /// introspection type reference. A fragment's summary depends on it, so summaries are kept per place.
    /// </summary>
    private readonly record struct Place(double? PageHint, bool TypesElement, int TypeLevel);

    private sealed class LimitExceeded(LimitViolation violation) : Exception(violation.Message)
    {
        public LimitViolation Violation { get; } = violation;
    }

    private sealed class Analysis(RequestLimits limits, Dictionary<string, GraphQLFragmentDefinition> fragments, Inputs? variables, CancellationToken cancellationToken)
    {
        /// <summary>Fragment summaries by name and the place they are spread in.</summary>
        private readonly Dictionary<(string Name, Place Place), Totals> _fragments = [];
        private readonly HashSet<(string Name, Place Place)> _inProgress = [];
        private int _visited;

        private GraphApiOptions Options => limits.Options;

        /// <summary>
        /// Sums a selection set. Every total only grows as sets are combined and multipliers are at
        /// least 1, so any partial total over a maximum means the request is over it: stop there.
        /// </summary>
        public Totals Selections(GraphQLSelectionSet set, IGraphType? type, Place place)
        {
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                // Only a document far past the token limit nests fragments this deep.
                throw new LimitExceeded(new LimitViolation("depth", Options.MaxDepth + 1, Options.MaxDepth));
            }

            var totals = default(Totals);
            foreach (var selection in set.Selections)
            {
                if ((++_visited & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                totals += selection switch
                {
                    GraphQLField field => Field(field, type, place),
                    GraphQLInlineFragment inline => Inline(inline, type, place),
                    GraphQLFragmentSpread spread => Spread(spread, place),
                    _ => default,
                };
                Check("cost", totals.Cost, Options.MaxCost);
                Check("alias", totals.Aliases, Options.MaxAliases);
                Check("directive", totals.Directives, Options.MaxDirectives);
                Check("depth", totals.Depth, Options.MaxDepth);
            }

            return totals;
        }

        private Totals Inline(GraphQLInlineFragment inline, IGraphType? type, Place place)
        {
            var conditioned = inline.TypeCondition is { } condition ? limits.Schema.AllTypes[condition.Type.Name.StringValue] : type;
            var inner = Selections(inline.SelectionSet, conditioned, place);
            return inner with { Directives = inner.Directives + (inline.Directives?.Items.Count ?? 0) };
        }

        private Totals Spread(GraphQLFragmentSpread spread, Place place)
        {
            var spreadDirectives = spread.Directives?.Items.Count ?? 0;
            var key = (Name: spread.FragmentName.Name.StringValue, Place: place);
            if (!fragments.TryGetValue(key.Name, out var fragment) || !_inProgress.Add(key))
            {
                // An unknown fragment or a cycle: validation reports it; it adds nothing here.
                return new Totals { Directives = spreadDirectives };
            }

            try
            {
                if (!_fragments.TryGetValue(key, out var summary))
                {
                    var type = limits.Schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue];
                    summary = Selections(fragment.SelectionSet, type, place);
                    summary = summary with { Directives = summary.Directives + (fragment.Directives?.Items.Count ?? 0) };
                    _fragments[key] = summary;
                }

                return summary with { Directives = summary.Directives + spreadDirectives };
            }
            finally
            {
                _inProgress.Remove(key);
            }
        }

        private Totals Field(GraphQLField field, IGraphType? parent, Place place)
        {
            var name = field.Name.StringValue;
            var parentType = parent?.GetNamedType();
            var definition = limits.FieldDefinition(parentType, name);
            var lists = ListArguments(field);
            var own = new Totals(
                Cost: Math.Max(1, lists.Total),
                Depth: 0,
                TypeDepth: 0,
                Aliases: field.Alias is null ? 0 : 1,
                Directives: field.Directives?.Items.Count ?? 0,
                Fields: 1);
            CheckArguments(field, parentType);
            if (field.SelectionSet is null)
            {
                return own;
            }

            var returns = definition?.ResolvedType;
            var childType = returns?.GetNamedType();
            var pageSize = PageSize(field, definition);
            var typeReference = name == "ofType" && parentType?.Name == "__Type";
            var inner = new Place(
                PageHint: null,
                TypesElement: name == "types" && parentType?.Name == "__Schema",
                TypeLevel: typeReference ? place.TypeLevel + 1 : 0);
            Totals children;
            if (IsList(returns))
            {
                // A list holds as many items as its page size asks for, or as its longest list argument
                // names (nodes(ids:), resolve(names:)), or, for introspection, as the schema holds, or
                // the configured estimate when nothing says.
                var items = pageSize ?? place.PageHint ?? (lists.Longest > 0 ? lists.Longest : limits.Introspection.ListSize(parentType, name, place.TypesElement));
                var each = Selections(field.SelectionSet, childType, inner);
                children = each with { Cost = each.Cost * Math.Max(items, 1) };
            }
            else
            {
                // A connection: its page size applies to the edges and nodes lists inside it.
                children = Selections(field.SelectionSet, childType, inner with { PageHint = pageSize });
            }

            if (typeReference && inner.TypeLevel > limits.Introspection.WrapperDepth)
            {
                // No type of this schema is wrapped this deep: this ofType is null and nothing below it resolves.
                children = children with { Cost = 0 };
            }

            // Introspection's own type references (ofType { ofType { … } }) count against their own
            // cap, not the depth limit, while introspection is on.
            typeReference &= limits.Options.Introspection;
            var depth = typeReference ? children.Depth : children.Depth + 1;
            var typeDepth = typeReference ? children.TypeDepth + 1 : children.TypeDepth;
            Check("introspection depth", typeDepth, limits.Options.MaxIntrospectionDepth);
            return new Totals(own.Cost + children.Cost, depth, typeDepth, own.Aliases + children.Aliases, own.Directives + children.Directives, own.Fields);
        }

        private static bool IsList(IGraphType? type) => type is ListGraphType || (type is NonNullGraphType { ResolvedType: ListGraphType });

        private void CheckArguments(GraphQLField field, IGraphType? parent)
        {
            var isRoot = parent == limits.Schema.Query;
            var bounds = (isRoot, field.Name.StringValue) switch
            {
                (true, "neighborhood") => new[] { ("depth", "neighborhood depth", (long)Model.NeighborhoodQuery.MaxDepth), ("limit", "neighborhood size", Model.NeighborhoodQuery.MaxLimit) },
                (true, "paths") => [("maxHops", "path hops", Model.PathQuery.HopLimit), ("first", "path count", Model.PathQuery.MaxPaths)],
                _ => [("first", "page size", Options.MaxPageSize)],
            };
            foreach (var (argument, limit, maximum) in bounds)
            {
                if (IntArgument(field, argument) is { } value && value > maximum)
                {
                    throw new LimitExceeded(new LimitViolation(limit, value, maximum));
                }
            }
        }

        /// <summary>The lengths of the lists among a field's arguments (in input objects too, literals and variables): their sum and the longest.</summary>
        private (double Total, double Longest) ListArguments(GraphQLField field)
        {
            double total = 0, longest = 0;
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                Measure(argument.Value, ref total, ref longest, 0);
            }

            return (total, longest);
        }

        private void Measure(GraphQLValue value, ref double total, ref double longest, int nesting)
        {
            switch (value)
            {
                case GraphQLListValue list:
                    Count(list.Values?.Count ?? 0, ref total, ref longest);
                    foreach (var item in list.Values ?? [])
                    {
                        Measure(item, ref total, ref longest, nesting + 1);
                    }

                    break;
                case GraphQLObjectValue obj:
                    foreach (var field in obj.Fields ?? [])
                    {
                        Measure(field.Value, ref total, ref longest, nesting + 1);
                    }

                    break;
                case GraphQLVariable variable when variables?.TryGetValue(variable.Name.StringValue, out var supplied) == true:
                    MeasureSupplied(supplied, ref total, ref longest, nesting);
                    break;
            }
        }

        private void MeasureSupplied(object? value, ref double total, ref double longest, int nesting)
        {
            // Variables come from a body of bounded size; the nesting bound keeps this walk shallow anyway.
            if (nesting > 32)
            {
                return;
            }

            switch (value)
            {
                case IDictionary<string, object?> obj:
                    foreach (var item in obj.Values)
                    {
                        MeasureSupplied(item, ref total, ref longest, nesting + 1);
                    }

                    break;
                case System.Collections.IList list:
                    Count(list.Count, ref total, ref longest);
                    foreach (var item in list)
                    {
                        MeasureSupplied(item, ref total, ref longest, nesting + 1);
                    }

                    break;
            }
        }

        private void Count(int length, ref double total, ref double longest)
        {
            Check("list argument length", length, Options.MaxListArgumentLength);
            total += length;
            longest = Math.Max(longest, length);
        }

        private long? IntArgument(GraphQLField field, string name) =>
            field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value switch
            {
                GraphQLIntValue literal when long.TryParse(literal.Value.Span, out var n) => n,
                GraphQLVariable variable when variables?.TryGetValue(variable.Name.StringValue, out var value) == true && value is int or long =>
                    Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };

        /// <summary>The page size a field asks for: its first/limit argument or that argument's default; null when it has none.</summary>
        private double? PageSize(GraphQLField field, FieldType? definition)
        {
            foreach (var name in PageArguments)
            {
                if (IntArgument(field, name) is { } asked)
                {
                    return Math.Max(asked, 1);
                }

                if (definition?.Arguments?.Find(name)?.DefaultValue is int fallback)
                {
                    return fallback;
                }
            }

            return null;
        }
    }

    /// <summary>Arguments that bound how many items a list field or connection returns.</summary>
    private static readonly string[] PageArguments = ["first", "limit"];

    private GraphApiOptions Options => options;

    private ISchema Schema => schema;

    private IntrospectionSizes Introspection { get; } = new(schema, options.ListCostEstimate);

    private static void Check(string limit, double value, long maximum)
    {
        if (value > maximum)
        {
            throw new LimitExceeded(new LimitViolation(limit, (long)Math.Min(value, long.MaxValue), maximum));
        }
    }

    /// <summary>A field of a type, including the meta-fields <c>__schema</c> and <c>__type</c> of the query type.</summary>
    private FieldType? FieldDefinition(IGraphType? parent, string name) =>
        parent == schema.Query && name == "__schema" ? schema.SchemaMetaFieldType
        : parent == schema.Query && name == "__type" ? schema.TypeMetaFieldType
        : (parent as IComplexGraphType)?.GetField(name);
}
