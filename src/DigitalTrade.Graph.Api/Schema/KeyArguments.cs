using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Model;
using GraphQL;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>An argument that must name an entity, of one kind when <paramref name="Kind"/> is given.</summary>
internal readonly record struct KeyArgument(string Argument, string Key, EntityKind? Kind = null);

/// <summary>
/// Keys that fail loudly: an argument naming no entity is a <c>NOT_FOUND</c> error whose message suggests
/// the closest keys and the entities the text names (a name or alias where a key was asked for).
/// </summary>
internal static class KeyArguments
{
    public const string NotFound = "NOT_FOUND";

    /// <summary>Loads every key in one batch and throws NOT_FOUND for the first that names nothing (or an entity of another kind).</summary>
    public static async Task RequireAsync(IResolveFieldContext ctx, params KeyArgument[] keys)
    {
        var context = GraphRequestContext.From(ctx);
        var pending = context.Snapshot is null ? keys.Select(k => context.Entities.Load(k.Key)).ToList() : null;
        for (var i = 0; i < keys.Length; i++)
        {
            var entity = pending is null ? context.Snapshot!.Find(keys[i].Key) : await pending[i].GetResultAsync(ctx.CancellationToken).ConfigureAwait(false);
            if (!Names(entity, keys[i]))
            {
                var (message, suggestions) = await DescribeAsync(context.View, keys[i], entity, ctx.CancellationToken).ConfigureAwait(false);
                throw new GraphQueryException(NotFound, message, suggestions);
            }
        }
    }

    /// <summary>The NOT_FOUND error for a key a walk started from, for fields whose store call found no such entity.</summary>
    public static async Task<GraphQueryException> NotFoundAsync(IGraphView view, KeyArgument key, CancellationToken cancellationToken)
    {
        var (message, suggestions) = await DescribeAsync(view, key, null, cancellationToken).ConfigureAwait(false);
        return new GraphQueryException(NotFound, message, suggestions);
    }

    /// <summary>Whether the found entity is what the argument asks for.</summary>
    public static bool Names(Entity? entity, KeyArgument key) => entity is not null && (key.Kind is null || entity.Kind == key.Kind);

    /// <summary>
    /// "'from': no entity has the key 'Hainan'. Perhaps: 'provinces/hainan' (named 'Hainan')." and the suggested
    /// keys, which the error also carries as <c>extensions.suggestions</c> for clients to offer.
    /// </summary>
    public static async Task<(string Message, IReadOnlyList<string> Suggestions)> DescribeAsync(IGraphView view, KeyArgument key, Entity? found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var what = key.Kind is { } kind ? kind.Info().Name : "entity";
        var text = $"'{key.Argument}': no {what} has the key '{Arguments.Shorten(key.Key)}'";
        if (found is not null)
        {
            var name = found.Kind.Info().Name;
            text += $" (it names {("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an" : "a")} {name})";
        }

        var kinds = key.Kind is { } only ? new HashSet<EntityKind> { only } : null;
        var resolution = (await view.ResolveNamesAsync([key.Key], kinds, cancellationToken).ConfigureAwait(false))[0];
        var suggestions = resolution.All.Where(m => m.Key != key.Key).DistinctBy(m => m.Key).Take(3).ToList();
        return suggestions.Count == 0
            ? (text + ". No key or name is close; search(query:) finds entities by their text.", [])
            : (text + ". Perhaps: " + string.Join("; ", suggestions.Select(Describe)) + ". resolve(names:) maps names to keys.", [.. suggestions.Select(m => m.Key)]);
    }

    /// <summary>The same message as a non-fatal error on the field, for fields that answer null (Relay's <c>entity(key)</c>).</summary>
    public static Func<Entity?, CancellationToken, Task<Entity?>> ReportMissing(IResolveFieldContext ctx, KeyArgument key)
    {
        // The resolve context may be reused once the resolver returns: keep what the error needs now.
        var errors = ctx.Errors;
        var path = ctx.ResponsePath.ToList();
        var field = ctx.FieldAst;
        var document = ctx.Document;
        var view = GraphRequestContext.From(ctx).View;
        return async (entity, cancellationToken) =>
        {
            if (Names(entity, key))
            {
                return entity;
            }

            var (message, suggestions) = await DescribeAsync(view, key, entity, cancellationToken).ConfigureAwait(false);
            var error = new SuggestingError(message, suggestions) { Code = NotFound, Path = path };
            error.AddLocation(field, document);
            lock (errors)
            {
                errors.Add(error);
            }

            return null;
        };
    }

    private static string Describe(NameMatch match) => match.MatchedBy is NameMatchKind.Key or NameMatchKind.Slug
        ? $"'{match.Key}'"
        : $"'{match.Key}' (named '{match.MatchedText}')";
}
