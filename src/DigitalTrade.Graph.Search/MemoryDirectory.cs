using Lucene.Net.Store;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// A finished index held as one byte array per file, read without locks. <see cref="RAMDirectory"/>
/// takes a lock at every 1 KB buffer a reader crosses, which concurrent searches contend on; this
/// directory is written once (copied from the directory the index was built in) and only read after.
/// </summary>
internal sealed class MemoryDirectory : BaseDirectory
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public MemoryDirectory(Lucene.Net.Store.Directory source)
    {
        foreach (var name in source.ListAll())
        {
            using var input = source.OpenInput(name, IOContext.READ_ONCE);
            var bytes = new byte[input.Length];
            input.ReadBytes(bytes, 0, bytes.Length);
            _files[name] = bytes;
        }

        SetLockFactory(NoLockFactory.GetNoLockFactory());
    }

    /// <summary>Files saved from another <see cref="MemoryDirectory"/> (see <see cref="Files"/>).</summary>
    public MemoryDirectory(IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var (name, bytes) in files)
        {
            _files[name] = bytes;
        }

        SetLockFactory(NoLockFactory.GetNoLockFactory());
    }

    /// <summary>The files held; read-only once built.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files;

    /// <summary>The bytes held, for memory accounting.</summary>
    public long Size => _files.Values.Sum(f => (long)f.Length);

    public override string[] ListAll() => [.. _files.Keys];

    [Obsolete("Lucene.Net marks Directory.FileExists obsolete; it is still abstract.")]
    public override bool FileExists(string name) => _files.ContainsKey(name);

    public override long FileLength(string name) => Bytes(name).Length;

    public override IndexInput OpenInput(string name, IOContext context) => new ArrayInput(name, Bytes(name));

    public override void DeleteFile(string name) => throw ReadOnly();

    public override IndexOutput CreateOutput(string name, IOContext context) => throw ReadOnly();

    public override void Sync(ICollection<string> names)
    {
    }

    protected override void Dispose(bool disposing) => IsOpen = false;

    private byte[] Bytes(string name) => _files.TryGetValue(name, out var bytes) ? bytes : throw new FileNotFoundException(name);

    private static NotSupportedException ReadOnly() => new("The search index is read-only once built.");

    /// <summary>Reads one file's bytes; clones share the array and keep their own position.</summary>
    private sealed class ArrayInput(string name, byte[] bytes) : IndexInput("ArrayInput(" + name + ")")
    {
        private int _position;

        public override long Position => _position;

        public override long Length => bytes.Length;

        public override byte ReadByte() =>
            _position < bytes.Length ? bytes[_position++] : throw new EndOfStreamException($"read past the end of {this}");

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > bytes.Length - _position)
            {
                throw new EndOfStreamException($"read past the end of {this}");
            }

            Buffer.BlockCopy(bytes, _position, b, offset, len);
            _position += len;
        }

        public override void Seek(long pos) =>
            _position = pos >= 0 && pos <= bytes.Length ? (int)pos : throw new EndOfStreamException($"seek past the end of {this}");

        protected override void Dispose(bool disposing)
        {
        }
    }
}
