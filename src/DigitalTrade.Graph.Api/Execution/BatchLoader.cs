using GraphQL.DataLoader;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// Collects the keys that resolvers ask for while GraphQL.NET walks one level of the query,
/// and fetches them with a single batched call when the first result is awaited. This is
/// what keeps a query over N related entities at one store call per level.
/// </summary>
internal sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyList<TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _results = [];
    private List<TKey> _queue = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var result))
            {
                result = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results[key] = result;
                _queue.Add(key);
            }

            return new PendingResult(this, result.Task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<TKey> batch;
        TaskCompletionSource<TValue>[] targets;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                return;
            }

            batch = _queue;
            _queue = [];
            targets = [.. batch.Select(k => _results[k])];
        }

        try
        {
            var values = await fetch(batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i].TrySetResult(values[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var target in targets)
            {
                target.TrySetException(e);
            }
        }
    }

    private sealed class PendingResult(BatchLoader<TKey, TValue> loader, Task<TValue> result) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!result.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            }

            return await result.ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
