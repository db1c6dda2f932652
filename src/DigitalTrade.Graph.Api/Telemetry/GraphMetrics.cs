using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Telemetry;

/// <summary>
/// The service's own instruments, under the meter and activity source "DigitalTrade.Graph": requests
/// and their latency by operation, errors by code, store calls by method, corpus reloads and their
/// duration. The host exports them (OpenTelemetry: OTLP and Prometheus). Labels come from bounded
/// sets only: an operation label is the name of a validated document's operation (truncated), at
/// most <see cref="GraphApiOptions.MaxOperationLabels"/> distinct ones, never what a client merely sent.
/// </summary>
public sealed class GraphMetrics
{
    public const string Name = "DigitalTrade.Graph";

    /// <summary>The label of an operation without a name.</summary>
    public const string Anonymous = "(anonymous)";

    /// <summary>The label of a request that never passed validation: its operation name is only a client's claim.</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The label of any operation name past the first <see cref="GraphApiOptions.MaxOperationLabels"/>.</summary>
    public const string Other = "(other)";

    private const int MaxLabelLength = 64;

    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _storeCalls;
    private readonly Counter<long> _reloads;
    private readonly Histogram<double> _reloadDuration;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheEvictions;
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, string> _operationLabels = new(StringComparer.Ordinal);
    private readonly int _maxOperationLabels;

    public GraphMetrics(IMeterFactory meters, IOptions<GraphApiOptions> options)
    {
        _maxOperationLabels = options.Value.MaxOperationLabels;
        var meter = _meter = meters.Create(Name);
        _requests = meter.CreateCounter<long>("graphql.requests", description: "GraphQL requests answered, by operation and HTTP status");
        _latency = meter.CreateHistogram<double>("graphql.request.duration", unit: "ms", description: "Time to answer a GraphQL request, by operation");
        _errors = meter.CreateCounter<long>("graphql.errors", description: "GraphQL errors returned, by code");
        _storeCalls = meter.CreateCounter<long>("graph.store.calls", description: "Calls that reached the graph store, by method");
        _reloads = meter.CreateCounter<long>("graph.corpus.reloads", description: "Corpus loads, by outcome");
        _reloadDuration = meter.CreateHistogram<double>("graph.corpus.reload.duration", unit: "ms", description: "Time to load, check and publish the corpus");
        _cacheHits = meter.CreateCounter<long>("graphql.cache.hits", description: "Requests answered from the response cache");
        _cacheMisses = meter.CreateCounter<long>("graphql.cache.misses", description: "Requests the response cache had no answer for (then executed)");
        _cacheEvictions = meter.CreateCounter<long>("graphql.cache.evictions", description: "Answers dropped from the response cache, by reason: capacity, or version (a new snapshot was published)");
    }

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void CacheEvicted(string reason) => _cacheEvictions.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Publishes the response cache's size (bodies plus per-entry overhead) as a gauge.</summary>
    public void ObserveCacheSize(Func<long> bytes) =>
        _meter.CreateObservableGauge("graphql.cache.size", bytes, unit: "By", description: "Bytes held by the response cache");

    /// <summary>The label for an operation name of a validated document (null when the document was not validated).</summary>
    public string OperationLabel(string? validatedName)
    {
        if (validatedName is null)
        {
            return Unknown;
        }

        if (_operationLabels.TryGetValue(validatedName, out var known))
        {
            return known;
        }

        if (_operationLabels.Count >= _maxOperationLabels)
        {
            return Other;
        }

        var label = validatedName.Length > MaxLabelLength ? validatedName[..MaxLabelLength] + "…" : validatedName;
        return _operationLabels.GetOrAdd(validatedName, label);
    }

    public void RequestCompleted(string operation, int status, TimeSpan elapsed, IEnumerable<ExecutionError>? errors)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status", status));
        _latency.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        foreach (var error in errors ?? [])
        {
            _errors.Add(1, new KeyValuePair<string, object?>("code", error.Code ?? "UNKNOWN"));
        }
    }

    public void StoreCalled(string method) => _storeCalls.Add(1, new KeyValuePair<string, object?>("method", method));

    public void CorpusLoaded(bool succeeded, TimeSpan elapsed)
    {
        _reloads.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "published" : "rejected"));
        _reloadDuration.Record(elapsed.TotalMilliseconds);
    }
}
