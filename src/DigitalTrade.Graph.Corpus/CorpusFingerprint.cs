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
            hashes[i] = SourceText.HashFile(files[i].FullPath, limits.MaxFileBytes) ?? [];
            if (hashes[i].Length == 0)
            {
                Interlocked.Exchange(ref failed, 1);
                state.Stop();
            }
        });

        return failed != 0 ? null : Of(files.Select((f, i) => (f.Relative, hashes[i])));
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
