using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Where the corpus is read from. Bound from <c>Corpus</c> (e.g. env <c>Corpus__Path</c>).</summary>
public sealed class CorpusOptions
{
    public const string Section = "Corpus";

    /// <summary>The corpus folder; relative paths are resolved against the working directory.</summary>
    public string Path { get; set; } = "graph-seed";

    /// <summary>Reload when corpus files change (<c>serve --watch</c>); the last good snapshot serves while an edit has errors.</summary>
    public bool Watch { get; set; }

    /// <summary>What one corpus file may cost to read (<c>Corpus:Limits:MaxFileBytes</c>, …); going over is a diagnostic.</summary>
    public CorpusLimits Limits { get; set; } = CorpusLimits.Default;

    /// <summary>The on-disk snapshot cache that makes a restart on unchanged files fast (<c>Corpus:Cache:Enabled</c>, <c>:Path</c>, <c>:MaxBytes</c>).</summary>
    public Stores.Embedded.Cache.SnapshotCacheOptions Cache { get; set; } = new();
}

/// <summary>Log output. Bound from <c>Log</c> (e.g. env <c>Log__Format=json</c>).</summary>
public sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary><c>text</c> for people, <c>json</c> (compact JSON lines) for log collectors.</summary>
    public string Format { get; set; } = "text";
}
