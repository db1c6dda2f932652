using GraphQL.DataLoader;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>Small combinators over pending batch results, so a resolver can shape a value without an extra store call.</summary>
internal static class DataLoaderResults
{
    public static IDataLoaderResult<TOut> Select<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(source, map);

    /// <summary>Like <see cref="Select{TIn, TOut}"/> with a map that awaits (e.g. a store call only when the value is missing).</summary>
    public static IDataLoaderResult<TOut> SelectAsync<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, CancellationToken, Task<TOut>> map) =>
        new MappedAsync<TIn, TOut>(source, map);

    /// <summary>All results as one list; awaiting the first dispatches the batch they were all queued in.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> All<T>(IReadOnlyList<IDataLoaderResult<T>> results) => new Combined<T>(results);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await source.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class MappedAsync<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, CancellationToken, Task<TOut>> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            await map(await source.GetResultAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Combined<T>(IReadOnlyList<IDataLoaderResult<T>> results) : IDataLoaderResult<IReadOnlyList<T>>
    {
        public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new T[results.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await results[i].GetResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
