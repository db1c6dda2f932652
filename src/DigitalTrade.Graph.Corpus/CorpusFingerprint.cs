using System.Security.Cryptography;
using System.Text;

namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// The content hash of a corpus: every file's relative path and the SHA-256 of its bytes, in path order.
/// Its first 16 hex digits are the snapshot version; the whole hash keys the on-disk snapshot cache.
/// </summary>
public static class CorpusFingerprint
{
    /// <summary>
    /// Hashes the corpus files without parsing them (every core reads). Null when the corpus cannot be
    /// cached as it stands: a missing folder, a symbolic link, a file over the size limit or one that
    /// cannot be read — all of which the loader reports as errors, so such a corpus is never served from a cache.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static string? Compute(string root, CorpusLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= CorpusLimits.Default;
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            return null;
        }

        var files = CorpusFolder.Enumerate(fullRoot);
        if (files.Any(f => f.IsLink))
        {
            return null;
        }

        var hashes = new byte[files.Count][];
        var failed = 0;
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, (i, state) =>
        {
            hashes[i] = HashFile(files[i].FullPath, limits.MaxFileBytes) ?? [];
            if (hashes[i].Length == 0)
            {
                Interlocked.Exchange(ref failed, 1);
                state.Stop();
            }
        });

        return failed != 0 ? null : Of(files.Select((f, i) => (f.Relative, hashes[i])));
    }

    /// <summary>A buffer per hashing thread, so 100k files cost no allocation each (a file over it is read whole, as the loader does).</summary>
    [ThreadStatic]
    private static byte[]? _buffer;

    /// <summary>
    /// The SHA-256 of a file of at most <paramref name="maxBytes"/> (the hash <see cref="SourceText"/> gives when it reads it);
    /// null when it is larger or cannot be read. Fewer system calls than a stream (on 100k files they are most of a restart's
    /// hashing): the size is looked at before opening (a named pipe says 0 and is not opened), then one handle and positional reads.
    /// </summary>
    internal static byte[]? HashFile(string fullPath, long maxBytes)
    {
        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > maxBytes)
            {
                return null;
            }

            if (length == 0)
            {
                return SHA256.HashData(ReadOnlySpan<byte>.Empty);
            }

            // Read until the end (a file may grow after its size was read), but never more than one byte past the limit.
            var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
            var buffer = _buffer is { } b && b.Length > length ? b : _buffer = new byte[Math.Min(limit, Math.Max(length + 1, 64 * 1024))];
            using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var total = 0;
            int read;
            do
            {
                if (total == buffer.Length)
                {
                    if (total >= limit)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(limit, 2L * buffer.Length));
                    _buffer = buffer;
                }

                read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                total += read;
            }
            // A read that stopped short exactly at the size the file had a moment ago is at its end: no second read (100k system
            // calls) to be told so. Any other short read (a file that grew, a file system that returns less) reads on to the end.
            while (read > 0 && (total == buffer.Length || total != length));

            return total > maxBytes ? null : SHA256.HashData(buffer.AsSpan(0, total));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The full hash (64 hex digits) of files given as relative path and content hash, in path order.</summary>
    public static string Of(IEnumerable<(string Relative, byte[] Hash)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, fileHash) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(fileHash);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The snapshot version a fingerprint stands for.</summary>
    public static string VersionOf(string fingerprint) => fingerprint[..16];
}
