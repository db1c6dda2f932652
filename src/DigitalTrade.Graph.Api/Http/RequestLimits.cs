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
/// before parsing, then depth, aliases, directives, root fields and cost on the parsed document
/// (fragments resolved, list fields multiplying the cost below them by their page size).
/// </summary>
internal sealed class RequestLimits(GraphApiOptions options, ISchema schema)
{
    private GraphApiOptions Options => options;

    private ISchema Schema => schema;

    /// <summary>Arguments that bound how many items a list field returns.</summary>
    private static readonly string[] PageArguments = ["first", "limit"];

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

    public LimitViolation? CheckDocument(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => operationName is null || o.Name?.StringValue == operationName);
        if (operation is null)
        {
            return null; // validation says which operation is missing
        }

        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        var walk = new Walk(this, fragments, variables);
        var rootType = schema.Query;
        var rootFields = operation.SelectionSet.Selections.Count;
        walk.Directives += operation.Directives?.Items.Count ?? 0;
        walk.Visit(operation.SelectionSet, rootType, depth: 1, multiplier: 1, pageHint: null, visiting: []);

        return walk.ArgumentViolation is { } argument ? argument
            : rootFields > options.MaxRootFields ? new LimitViolation("root field", rootFields, options.MaxRootFields)
            : walk.Depth > options.MaxDepth ? new LimitViolation("depth", walk.Depth, options.MaxDepth)
            : walk.Aliases > options.MaxAliases ? new LimitViolation("alias", walk.Aliases, options.MaxAliases)
            : walk.Directives > options.MaxDirectives ? new LimitViolation("directive", walk.Directives, options.MaxDirectives)
            : walk.Cost > options.MaxCost ? new LimitViolation("cost", (long)Math.Min(walk.Cost, long.MaxValue), options.MaxCost)
            : null;
    }

    private sealed class Walk(RequestLimits limits, Dictionary<string, GraphQLFragmentDefinition> fragments, Inputs? variables)
    {
        public int Depth { get; private set; }

        public int Aliases { get; private set; }

        public int Directives { get; set; }

        public double Cost { get; private set; }

        /// <summary>The first argument over its bound (page size, walk depth, hops), found before any resolver runs.</summary>
        public LimitViolation? ArgumentViolation { get; private set; }

        /// <param name="pageHint">The page size of the connection being selected, which its edges and nodes lists return.</param>
        public void Visit(GraphQLSelectionSet set, IGraphType? type, int depth, double multiplier, double? pageHint, HashSet<string> visiting)
        {
            Depth = Math.Max(Depth, depth);
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        VisitField(field, type, depth, multiplier, pageHint, visiting);
                        break;
                    case GraphQLInlineFragment inline:
                        Directives += inline.Directives?.Items.Count ?? 0;
                        Visit(inline.SelectionSet, inline.TypeCondition is { } condition ? limits.Schema.AllTypes[condition.Type.Name.StringValue] : type, depth, multiplier, pageHint, visiting);
                        break;
                    case GraphQLFragmentSpread spread:
                        Directives += spread.Directives?.Items.Count ?? 0;
                        var name = spread.FragmentName.Name.StringValue;
                        if (fragments.TryGetValue(name, out var fragment) && visiting.Add(name))
                        {
                            Directives += fragment.Directives?.Items.Count ?? 0;
                            Visit(fragment.SelectionSet, limits.Schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue], depth, multiplier, pageHint, visiting);
                            visiting.Remove(name);
                        }

                        break;
                }
            }
        }

        private void VisitField(GraphQLField field, IGraphType? parent, int depth, double multiplier, double? pageHint, HashSet<string> visiting)
        {
            if (field.Alias is not null)
            {
                Aliases++;
            }

            Directives += field.Directives?.Items.Count ?? 0;
            Cost += multiplier;
            CheckArguments(field, parent);
            if (field.SelectionSet is null)
            {
                return;
            }

            var definition = (parent?.GetNamedType() as IComplexGraphType)?.GetField(field.Name.StringValue);
            var returns = definition?.ResolvedType;
            var pageSize = PageSize(field, definition);
            if (IsList(returns))
            {
                Visit(field.SelectionSet, returns?.GetNamedType(), depth + 1, multiplier * (pageSize ?? pageHint ?? limits.Options.ListCostEstimate), null, visiting);
            }
            else
            {
                // A connection: its page size applies to the edges and nodes lists inside it.
                Visit(field.SelectionSet, returns?.GetNamedType(), depth + 1, multiplier, pageSize, visiting);
            }
        }

        private static bool IsList(IGraphType? type) => type is ListGraphType || (type is NonNullGraphType { ResolvedType: ListGraphType });

        private void CheckArguments(GraphQLField field, IGraphType? parent)
        {
            if (ArgumentViolation is not null)
            {
                return;
            }

            var isRoot = parent?.GetNamedType() == limits.Schema.Query;
            var bounds = (isRoot, field.Name.StringValue) switch
            {
                (true, "neighborhood") => new[] { ("depth", "neighborhood depth", (long)Model.NeighborhoodQuery.MaxDepth), ("limit", "neighborhood size", Model.NeighborhoodQuery.MaxLimit) },
                (true, "paths") => [("maxHops", "path hops", Model.PathQuery.HopLimit), ("first", "path count", Model.PathQuery.MaxPaths)],
                _ => [("first", "page size", limits.Options.MaxPageSize)],
            };
            foreach (var (argument, limit, maximum) in bounds)
            {
                if (IntArgument(field, argument) is { } value && value > maximum)
                {
                    ArgumentViolation = new LimitViolation(limit, value, maximum);
                    return;
                }
            }
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
                var argument = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name);
                switch (argument?.Value)
                {
                    case GraphQLIntValue literal when int.TryParse(literal.Value.Span, out var n):
                        return Math.Max(n, 1);
                    case GraphQLVariable variable when variables?.TryGetValue(variable.Name.StringValue, out var value) == true && value is int or long:
                        return Math.Max(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), 1);
                }

                if (definition?.Arguments?.Find(name)?.DefaultValue is int fallback)
                {
                    return fallback;
                }
            }

            return null;
        }
    }
}
