using DigitalTrade.Graph.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// One immutable Lucene segment of a search index: the documents of the entities a stable hash of their keys assigns
/// to it (<see cref="ShardPlan"/>), in snapshot order, and their labels. A reload keeps every shard whose entities are
/// the same objects and rebuilds only the others; an index holds each of its shards, and the last holder disposes it.
/// Never updated in place: Lucene's deletes would stay in the statistics until a merge, and scores would then
/// depend on the edits that came before, not only on the snapshot.
/// </summary>
internal sealed class SearchShard
{
    /// <summary>Each entity's key, so that a shard opened from saved files can be checked against the entities it should hold.</summary>
    private const string KeyField = "key";

    private static readonly FieldType Searchable = CreateSearchable();

    private readonly MemoryDirectory _directory;
    private Entity[] _entities;
    private int _holders = 1;

    private SearchShard(Entity[] entities, MemoryDirectory directory)
    {
        _entities = entities;
        _directory = directory;
        Reader = DirectoryReader.Open(directory);
        if (Reader.Leaves.Count != 1)
        {
            Reader.Dispose();
            throw new InvalidDataException($"a search shard has {Reader.Leaves.Count} segments, not one");
        }

        Pool = new PostingsPool(Reader.Leaves[0].AtomicReader);
        (Labels, LabelDocs) = LabelTable.Of(entities);
    }

    /// <summary>The entities of the documents, in document order (their order in the snapshot).</summary>
    public Entity[] Entities => Volatile.Read(ref _entities);

    /// <summary>The shard's one segment.</summary>
    public DirectoryReader Reader { get; }

    /// <summary>Enumerators for highlighting, kept with the shard so that an index built by a reload reuses them.</summary>
    public PostingsPool Pool { get; }

    /// <summary>The shard's normalized names and aliases, sorted, and the document (in this shard) each names.</summary>
    public string[] Labels { get; }

    public int[] LabelDocs { get; }

    public IReadOnlyDictionary<string, byte[]> Files => _directory.Files;

    public static SearchShard Build(Entity[] entities)
    {
        using var built = new RAMDirectory();
        using (var writer = new IndexWriter(built, WriterConfig()))
        {
            foreach (var entity in entities)
            {
                writer.AddDocument(ToDocument(entity));
            }

            // One segment, however the writer flushed: a no-op when it flushed once.
            writer.ForceMerge(1);
            writer.Commit();
        }

        return new SearchShard(entities, new MemoryDirectory(built));
    }

    /// <summary>A shard saved from <see cref="Files"/>; throws unless it holds exactly <paramref name="entities"/>' keys in order.</summary>
    public static SearchShard Open(Entity[] entities, IReadOnlyDictionary<string, byte[]> files)
    {
        var shard = new SearchShard(entities, new MemoryDirectory(files));
        try
        {
            if (shard.Reader.MaxDoc != entities.Length || shard.Reader.NumDocs != entities.Length)
            {
                throw new InvalidDataException($"a saved search shard has {shard.Reader.MaxDoc} documents for {entities.Length} entities");
            }

            var keys = MultiDocValues.GetBinaryValues(shard.Reader, KeyField) ?? throw new InvalidDataException("a saved search shard has no keys");
            var key = new BytesRef();
            for (var doc = 0; doc < entities.Length; doc++)
            {
                keys.Get(doc, key);
                if (key.Utf8ToString() != entities[doc].Key)
                {
                    throw new InvalidDataException($"a saved search shard holds '{key.Utf8ToString()}' where '{entities[doc].Key}' belongs");
                }
            }

            return shard;
        }
        catch
        {
            shard.Release();
            throw;
        }
    }

    /// <summary>
    /// Whether this shard indexes exactly these entities as they are: the same objects in order (a reload after an edit:
    /// unchanged files give unchanged entities), or objects whose key, kind and indexed texts are equal (a reload after
    /// a start from the snapshot cache reads every file into new objects). A shard holds nothing else of an entity: hits,
    /// kinds and key ranks are read from the snapshot when an index is bound to it.
    /// </summary>
    public bool Holds(IReadOnlyList<Entity> all, int[] positions)
    {
        var held = Entities;
        if (positions.Length != held.Length)
        {
            return false;
        }

        var copies = false;
        for (var i = 0; i < positions.Length; i++)
        {
            var entity = all[positions[i]];
            if (!ReferenceEquals(entity, held[i]))
            {
                if (!SameIndexed(entity, held[i]))
                {
                    return false;
                }

                copies = true;
            }
        }

        if (copies)
        {
            // Equal copies: the next reload compares references again. Either array describes this shard equally.
            Volatile.Write(ref _entities, [.. positions.Select(p => all[p])]);
        }

        return true;
    }

    /// <summary>Whether two entities give the same documents and labels: key, kind (labels of cities and provinces), and every text indexed.</summary>
    internal static bool SameIndexed(Entity a, Entity b) =>
        a.Key == b.Key && a.Kind == b.Kind && SearchFields.All.All(f => f.Parts(a).AsSpan().SequenceEqual(f.Parts(b)));

    /// <summary>One more index holds this shard; false when the shard was already disposed (its last holder let go).</summary>
    public bool TryAcquire()
    {
        for (var holders = Volatile.Read(ref _holders); holders > 0; holders = Volatile.Read(ref _holders))
        {
            if (Interlocked.CompareExchange(ref _holders, holders + 1, holders) == holders)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An index lets go of this shard; the last one disposes it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            Reader.Dispose();
            _directory.Dispose();
        }
    }

    // Lucene's default 16 MB buffer flushed 29 segments for 100k entities and merged them over and over; with room for
    // a whole shard a writer flushes once. Only what is buffered is allocated. One thread per writer: shards are built
    // in parallel, each by one thread, so a shard's segment never depends on how threads were scheduled.
    private static IndexWriterConfig WriterConfig() =>
        new(LuceneVersion.LUCENE_48, TextAnalyzer.Instance)
        {
            OpenMode = OpenMode.CREATE,
            UseCompoundFile = false,
            RAMBufferSizeMB = 512,
            MaxThreadStates = 1,
        };

    private static Document ToDocument(Entity entity)
    {
        var document = new Document { new BinaryDocValuesField(KeyField, new BytesRef(entity.Key)) };
        foreach (var field in SearchFields.All)
        {
            foreach (var part in field.Parts(entity))
            {
                document.Add(new Field(field.Name, part.Text, Searchable));
            }
        }

        return document;
    }

    /// <summary>Indexed with each token's character offsets, so highlights never analyse text again; nothing stored, the snapshot holds the text.</summary>
    private static FieldType CreateSearchable()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
        };
        type.Freeze();
        return type;
    }
}
