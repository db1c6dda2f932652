using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// Which shard indexes each entity: a stable hash of its key (never its position, which moves when a key is added or
/// removed), over a shard count that depends only on the number of entities. Any index of a snapshot — built fresh,
/// by a reload that keeps unchanged shards, or opened from the cache — has the same shards with the same documents
/// in the same order, so it answers every search the same, scores to the bit.
/// </summary>
internal static class ShardPlan
{
    /// <summary>A shard holds this many entities or up to twice as many: small enough to rebuild quickly after an edit.</summary>
    public const int EntitiesPerShard = 1024;

    /// <summary>Past this every shard grows instead (4 MB of index per shard at 1M entities; the snapshot cache allows 4,096 files).</summary>
    public const int MaxShards = 256;

    /// <summary>A power of two: the most shards of at least <paramref name="perShard"/> entities each, one for a small corpus.</summary>
    public static int CountFor(int entities, int perShard)
    {
        var count = 1;
        while (count < MaxShards && (long)count * 2 * perShard <= entities)
        {
            count *= 2;
        }

        return count;
    }

    /// <summary>Per shard, the positions (in the snapshot) of its entities, ascending.</summary>
    public static int[][] Partition(IReadOnlyList<Entity> entities, int shards)
    {
        if (shards == 1)
        {
            return [[.. Enumerable.Range(0, entities.Count)]];
        }

        var lists = Enumerable.Range(0, shards).Select(_ => new List<int>(entities.Count / shards + 16)).ToArray();
        for (var i = 0; i < entities.Count; i++)
        {
            lists[(int)(Hash(entities[i].Key) % (uint)shards)].Add(i);
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    /// <summary>FNV-1a over the key's UTF-16 code units, its bits mixed (the shard is taken from the low ones): the same in every process, which string.GetHashCode is not.</summary>
    private static uint Hash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        return hash;
    }
}
