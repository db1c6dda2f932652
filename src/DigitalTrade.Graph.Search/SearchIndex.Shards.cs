using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search;

/// <summary>How an index is made of shards: built from nothing, built keeping a previous index's unchanged shards, saved and opened.</summary>
public sealed partial class SearchIndex
{
    /// <summary>Indexes a snapshot from nothing (a start).</summary>
    public static SearchIndex Build(GraphSnapshot snapshot) => Build(snapshot, null);

    /// <summary>
    /// Indexes a snapshot, keeping every shard of <paramref name="previous"/> whose entities are the very same objects (a
    /// reload after an edit: unchanged files give unchanged entities) and building the others. Answers exactly as an
    /// index built from nothing would; <paramref name="previous"/> stays usable, and each keeps the shards it shares.
    /// </summary>
    public static SearchIndex Build(GraphSnapshot snapshot, SearchIndex? previous) => Build(snapshot, previous, ShardPlan.EntitiesPerShard);

    internal static SearchIndex Build(GraphSnapshot snapshot, SearchIndex? previous, int perShard)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entities = snapshot.Entities;
        var partition = ShardPlan.Partition(entities, ShardPlan.CountFor(entities.Count, perShard));
        var shards = new SearchShard?[partition.Length];
        var kept = previous is not null && previous._perShard == perShard && previous._shards.Length == shards.Length ? previous._shards : null;
        try
        {
            var build = new List<int>();
            for (var s = 0; s < shards.Length; s++)
            {
                if (partition[s].Length == 0)
                {
                    continue;
                }

                if (kept?[s] is { } old && old.Holds(entities, partition[s]) && old.TryAcquire())
                {
                    shards[s] = old;
                }
                else
                {
                    build.Add(s);
                }
            }

            // Each shard on one thread with its own writer, so its segment never depends on scheduling.
            Parallel.ForEach(build, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
                shards[s] = SearchShard.Build([.. partition[s].Select(i => entities[i])]));
            return new SearchIndex(snapshot, shards, partition, perShard);
        }
        catch
        {
            Release(shards);
            throw;
        }
    }

    /// <summary>How many of this index's shards <paramref name="other"/> holds too (for tests and logs).</summary>
    internal int SharedShards(SearchIndex other) => _shards.Count(s => s is not null && other._shards.Contains(s));

    internal int ShardCount => _shards.Count(s => s is not null);

    /// <summary>The index's files (name and bytes), for keeping it on disk beside its snapshot: each shard's under "shard/".</summary>
    public IReadOnlyDictionary<string, byte[]> Files
    {
        get
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var s = 0; s < _shards.Length; s++)
            {
                foreach (var (name, bytes) in _shards[s]?.Files ?? new Dictionary<string, byte[]>())
                {
                    files[s.ToString(CultureInfo.InvariantCulture) + "/" + name] = bytes;
                }
            }

            return files;
        }
    }

    /// <summary>
    /// Opens an index saved from <see cref="Files"/> for the same snapshot. Lucene checks what it reads
    /// (segment checksums), each shard must hold exactly the keys the snapshot assigns it, in order, and no
    /// file may be left over; whatever is refused throws, and the caller builds the index anew.
    /// </summary>
    public static SearchIndex Open(GraphSnapshot snapshot, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(files);
        var entities = snapshot.Entities;
        var partition = ShardPlan.Partition(entities, ShardPlan.CountFor(entities.Count, ShardPlan.EntitiesPerShard));
        var groups = new Dictionary<string, byte[]>?[partition.Length];
        foreach (var (name, bytes) in files)
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !int.TryParse(name.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || s >= partition.Length || partition[s].Length == 0 || name[..slash] != s.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidDataException($"the saved index has a file '{name}' that belongs to no shard of {entities.Count} entities");
            }

            (groups[s] ??= new Dictionary<string, byte[]>(StringComparer.Ordinal))[name[(slash + 1)..]] = bytes;
        }

        var shards = new SearchShard?[partition.Length];
        try
        {
            // Shards open on every core (64 at 100k were 0.6 s of a restart on one); the first refusal is what is reported.
            try
            {
                Parallel.For(0, shards.Length, s =>
                {
                    if (partition[s].Length > 0)
                    {
                        shards[s] = SearchShard.Open([.. partition[s].Select(i => entities[i])], groups[s] ?? throw new InvalidDataException($"the saved index lacks shard {s}"));
                    }
                });
            }
            catch (AggregateException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }

            return new SearchIndex(snapshot, shards, partition, ShardPlan.EntitiesPerShard);
        }
        catch
        {
            Release(shards);
            throw;
        }
    }

    /// <summary>Lets go of this index's shards: each is disposed when no other index holds it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _composite?.Dispose();
            Release(_shards);
        }
    }

    private static void Release(SearchShard?[] shards)
    {
        foreach (var shard in shards)
        {
            shard?.Release();
        }
    }
}
