using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The property every fuzzer checks: whatever is sent, the answer is a GraphQL-over-HTTP response.</summary>
internal static class SpecAnswers
{
    /// <summary>Every status the endpoint may answer with; 500 is never among them.</summary>
    public static readonly int[] Expected = [200, 400, 405, 406, 408, 413, 415, 422, 504];

    /// <summary>
    /// Sends a body and checks the answer: an expected status within <paramref name="within"/> (10 s
    /// by default, generous), JSON with data or errors, the media type the spec asks for (application/json
    /// only on a 2xx of a legacy client), and no stack trace or exception name.
    /// </summary>
    public static bool Check(GraphApiFactory api, byte[] body, string accept = "application/graphql-response+json", TimeSpan? within = null) =>
        Send(api, body, accept, within).Spec;

    /// <summary><see cref="Check"/>, returning the answer's text too.</summary>
    public static (bool Spec, string Text) Send(GraphApiFactory api, byte[] body, string accept = "application/graphql-response+json", TimeSpan? within = null)
    {
        using var client = api.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd(accept);
        var clock = Stopwatch.StartNew();
        using var response = client.Send(request, TestContext.Current.CancellationToken);
        var text = response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        var status = (int)response.StatusCode;
        var limit = within ?? TimeSpan.FromSeconds(10);
        if (!Expected.Contains(status) || clock.Elapsed > limit)
        {
            throw new InvalidOperationException($"{status} after {clock.ElapsedMilliseconds} ms (at most {limit.TotalMilliseconds} ms allowed) for {Show(body)}: {Show(text)}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var expectedType = status is >= 200 and < 300 && accept != "application/graphql-response+json" ? "application/json" : "application/graphql-response+json";
        if (mediaType != expectedType)
        {
            throw new InvalidOperationException($"{status} as {mediaType}, not {expectedType}, for {Show(body)}");
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var spec = root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("data", out _) || (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0))
            && (status == 200 || !root.TryGetProperty("data", out _));
        return (spec && !text.Contains("   at ", StringComparison.Ordinal) && !text.Contains("Exception", StringComparison.Ordinal), text);
    }

    private static string Show(byte[] body) => Show(System.Text.Encoding.UTF8.GetString(body));

    private static string Show(string text) => text.Length > 600 ? text[..600] + $"… ({text.Length} chars)" : text;
}
