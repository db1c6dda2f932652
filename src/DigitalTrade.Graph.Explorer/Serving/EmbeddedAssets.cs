using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The explorer's files, served from the assembly: our CSS and scripts and the vendored bundles (Assets/vendor).
/// Pages link them with a content hash (<c>?v=</c>), so a browser keeps them until they change; each is
/// compressed once, on first request, for clients that accept Brotli or gzip.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "Explorer/";

    public static EmbeddedAssets Instance { get; } = Load();

    private readonly FrozenDictionary<string, Asset> _assets;

    private EmbeddedAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    /// <summary>The address of an asset with its content hash, e.g. /explorer/graph.js?v=1a2b3c4d5e6f.</summary>
    public string Url(string path) =>
        _assets.TryGetValue(path, out var asset) ? $"/explorer/{path}?v={asset.Version}" : throw new InvalidOperationException($"No embedded asset '{path}'.");

    public IEnumerable<string> Paths => _assets.Keys;

    public async Task ServeAsync(HttpContext http, string path)
    {
        if (!_assets.TryGetValue(path, out var asset))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = "Accept-Encoding";

        // A versioned address never changes content; fonts are named by their hash.
        headers.CacheControl = http.Request.Query["v"] == asset.Version || path.StartsWith("vendor/fonts/", StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var body = asset.Bytes;
        if (asset.Compressible)
        {
            var accepted = http.Request.Headers.AcceptEncoding.ToString();
            if (accepted.Contains("br", StringComparison.OrdinalIgnoreCase))
            {
                body = asset.Brotli.Value;
                headers.ContentEncoding = "br";
            }
            else if (accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = asset.Gzip.Value;
                headers.ContentEncoding = "gzip";
            }
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static EmbeddedAssets Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..];
            var type = ContentType(path);
            if (type is null)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            if (path == "explorer.css")
            {
                // The kinds' colours come from Labels, the one table the graph's legend uses too.
                bytes = [.. bytes, .. Encoding.UTF8.GetBytes(KindColours())];
            }

            assets[path] = new Asset(bytes, type);
        }

        return new EmbeddedAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string KindColours() =>
        string.Concat(Labels.Kinds.Select(k => $".k-{k.Kind}{{background:{k.Colour}}}\n"));

    private static string? ContentType(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".woff2" => "font/woff2",
        ".woff" => "font/woff",
        _ => null,
    };

    private sealed class Asset
    {
        public Asset(byte[] bytes, string contentType)
        {
            Bytes = bytes;
            ContentType = contentType;
            Version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
            ETag = new EntityTagHeaderValue($"\"{Version}\"").ToString();
            Compressible = !contentType.StartsWith("font/", StringComparison.Ordinal);
            Brotli = new(() => Compress(bytes, s => new BrotliStream(s, CompressionLevel.Optimal)));
            Gzip = new(() => Compress(bytes, s => new GZipStream(s, CompressionLevel.Optimal)));
        }

        public byte[] Bytes { get; }

        public string ContentType { get; }

        public string Version { get; }

        public string ETag { get; }

        public bool Compressible { get; }

        public Lazy<byte[]> Brotli { get; }

        public Lazy<byte[]> Gzip { get; }

        private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
        {
            using var output = new MemoryStream();
            using (var stream = compressor(output))
            {
                stream.Write(bytes);
            }

            return output.ToArray();
        }
    }
}
