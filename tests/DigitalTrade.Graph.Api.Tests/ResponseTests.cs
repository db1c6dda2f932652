using System.Text;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Api.Http;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 11 items 2 and 10: what a request can make the server send is bounded — the response's
/// size (checked while it is serialized, not after), the time serialization may take, and the
/// number of errors — over HTTP and in process alike.
/// </summary>
public sealed class ResponseTests
{
    /// <summary>Issue 11: 1,500 ids answered 482 MB; now an answer past the maximum is never built in full.</summary>
    [Fact]
    public async Task An_answer_past_the_response_size_limit_is_replaced_by_a_limit_error()
    {
        await using var api = new GraphApiFactory(new ShippedCorpusFactory().CorpusPath, settings: new Dictionary<string, string> { ["GraphQL:MaxResponseBytes"] = "65536" });
        const string Query = "{ entities(first: 100) { nodes { narrative { html markdown text } } } }";

        var (status, body) = await api.PostAsync(Query);
        var inProcess = await api.Services.GetRequiredService<IGraphQLService>().ExecuteAsync(new GraphQLServiceRequest(Query), TestContext.Current.CancellationToken);

        Assert.Equal(422, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(("LIMIT_EXCEEDED", "response size", 65536L), ((string?)error["extensions"]!["code"], (string?)error["extensions"]!["limit"], (long)error["extensions"]!["maximum"]!));
        Assert.Null(body["data"]);
        Assert.Equal(422, inProcess.Status);
        Assert.True(inProcess.Json.Length < 1024, $"{inProcess.Json.Length} bytes");
    }

    [Fact]
    public async Task At_most_twenty_errors_are_returned_and_the_rest_counted()
    {
        await using var api = new GraphApiFactory();
        var fields = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"nope{i}"));

        var (status, body) = await api.PostAsync($"{{ corpus {{ {fields} }} }}");

        Assert.Equal(422, status);
        var errors = body["errors"]!.AsArray();
        Assert.Equal(21, errors.Count);
        Assert.Equal(("ERRORS_OMITTED", "40 more errors omitted."), ((string?)errors[^1]!["extensions"]!["code"], (string?)errors[^1]!["message"]));
        Assert.All(errors.Take(20), e => Assert.Equal("FIELDS_ON_CORRECT_TYPE", (string?)e!["extensions"]!["code"]));
    }

    [Fact]
    public void Serialization_stops_at_the_deadline()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var buffer = new PooledBuffer(int.MaxValue, cancelled.Token);
        var serializer = new ResponseSerializer(new System.Text.Json.JsonSerializerOptions(), new ErrorInfoProvider());

        Assert.ThrowsAny<OperationCanceledException>(() => serializer.Write(buffer, LargeResult(1000)));
    }

    [Fact]
    public void Serialization_stops_at_the_maximum_without_holding_much_more()
    {
        using var buffer = new PooledBuffer(256 * 1024, TestContext.Current.CancellationToken);
        var serializer = new ResponseSerializer(new System.Text.Json.JsonSerializerOptions(), new ErrorInfoProvider());

        var tooLarge = Assert.Throws<ResponseTooLargeException>(() => serializer.Write(buffer, LargeResult(100_000)));

        Assert.Equal(256 * 1024, tooLarge.Maximum);
        Assert.True(buffer.Length <= 256 * 1024, $"{buffer.Length} bytes written");
    }

    /// <summary>A result with <paramref name="items"/> strings of 100 characters (about 100 bytes each serialized).</summary>
    private static ExecutionResult LargeResult(int items) => new()
    {
        Executed = true,
        Data = new Dictionary<string, object?> { ["items"] = Enumerable.Range(0, items).Select(i => new string('x', 100)).ToList() },
    };
}
