using System.Net;
using System.Text;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>ETags, conditional requests and Cache-Control for browsers and CDNs, with the response cache on and off.</summary>
public sealed class HttpCachingTests
{
    private const string Depa = "/graphql?query=" + "%7B%20entity(key%3A%20%22agreements%2Fdepa%22)%20%7B%20key%20name%20%7B%20en%20%7D%20%7D%20%7D";

    public static TheoryData<bool> CacheOnOff => new() { true, false };

    [Theory]
    [MemberData(nameof(CacheOnOff))]
    public async Task A_GET_answer_has_a_strong_ETag_public_max_age_and_Vary_Accept(bool cache)
    {
        await using var api = Factory(cache);
        using var client = api.CreateClient();

        using var response = await Get(client, Depa);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [MemberData(nameof(CacheOnOff))]
    public async Task If_None_Match_with_the_tag_a_list_holding_it_or_a_star_is_304_without_a_body(bool cache)
    {
        await using var api = Factory(cache);
        using var client = api.CreateClient();
        using var first = await Get(client, Depa);
        var tag = first.Headers.ETag!.Tag;

        foreach (var header in new[] { tag, $"\"other\", {tag}", $"W/{tag}", "*" })
        {
            using var response = await Get(client, Depa, ("If-None-Match", header));
            Assert.True(response.StatusCode == HttpStatusCode.NotModified, header);
            Assert.Equal(tag, response.Headers.ETag!.Tag);
            Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
            Assert.Contains("Accept", response.Headers.Vary);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        using var other = await Get(client, Depa, ("If-None-Match", "\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_304_needs_no_execution_when_the_tag_is_listed()
    {
        await using var api = Factory(cache: false);
        using var client = api.CreateClient();
        using var first = await Get(client, Depa);
        api.Store.Reset();

        using var response = await Get(client, Depa, ("If-None-Match", first.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(0, api.Store.TotalCalls);
    }

    [Fact]
    public async Task The_media_type_is_part_of_the_tag()
    {
        await using var api = Factory(cache: true);
        using var client = api.CreateClient();

        using var json = await Get(client, Depa, ("Accept", "application/json"));
        using var graphql = await Get(client, Depa, ("Accept", "application/graphql-response+json"));
        using var crossed = await Get(client, Depa, ("Accept", "application/graphql-response+json"), ("If-None-Match", json.Headers.ETag!.Tag));

        Assert.NotEqual(json.Headers.ETag!.Tag, graphql.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, crossed.StatusCode);
        Assert.Equal(await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await graphql.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_snapshot_changes_the_tag_and_the_old_tag_gets_the_new_answer()
    {
        await using var api = Factory(cache: true);
        using var client = api.CreateClient();
        using var first = await Get(client, Depa);
        var store = api.Services.GetRequiredService<EmbeddedGraphStore>();

        store.Publish(ResponseCacheTests.Renamed(store.Current!, "agreements/depa", "DEPA renamed", "v-renamed"));
        using var after = await Get(client, Depa, ("If-None-Match", first.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(first.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
        Assert.Contains("DEPA renamed", await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task POST_answers_carry_the_ETag_but_no_Cache_Control_and_a_held_tag_is_412()
    {
        await using var api = Factory(cache: true);
        using var client = api.CreateClient();
        const string body = "{\"query\":\"{ entity(key: \\\"agreements/depa\\\") { key } }\"}";

        using var first = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        using var held = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.Null(first.Headers.CacheControl);
        Assert.Equal(HttpStatusCode.PreconditionFailed, held.StatusCode);
    }

    [Fact]
    public async Task Answers_with_errors_have_no_tag_and_are_no_store_over_GET()
    {
        await using var api = Factory(cache: true);
        using var client = api.CreateClient();

        using var missing = await Get(client, "/graphql?query=%7B%20entity(key%3A%20%22agreements%2Fnope%22)%20%7B%20key%20%7D%20%7D");
        using var invalid = await Get(client, "/graphql?query=%7B%20nope%20%7D");
        using var starred = await Get(client, "/graphql?query=%7B%20nope%20%7D", ("If-None-Match", "*"));

        foreach (var response in new[] { missing, invalid, starred })
        {
            Assert.Null(response.Headers.ETag);
            Assert.True(response.Headers.CacheControl!.NoStore);
        }

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, starred.StatusCode);
    }

    [Fact]
    public async Task An_answer_that_depends_on_the_last_load_is_tagged_by_its_content()
    {
        await using var api = Factory(cache: true);
        using var client = api.CreateClient();
        const string url = "/graphql?query=%7B%20corpus%20%7B%20lastLoad%20%7B%20succeeded%20%7D%20%7D%20%7D";

        using var first = await Get(client, url);
        using var again = await Get(client, url, ("If-None-Match", first.Headers.ETag!.Tag));

        Assert.StartsWith("\"c", first.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_trusted_document_by_id_over_GET_is_cacheable_by_URL()
    {
        var file = Path.Combine(Path.GetTempPath(), "dtg-trusted-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, "{\"entity-name\": \"query($key: String!) { entity(key: $key) { key name { en } } }\"}", TestContext.Current.CancellationToken);
        try
        {
            await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string>
            {
                ["GraphQL:TrustedDocumentsPath"] = file,
                ["GraphQL:RequireTrustedDocuments"] = "true",
                ["GraphQL:ResponseCache:MaxAgeSeconds"] = "300",
            });
            using var client = api.CreateClient();
            const string url = "/graphql?documentId=entity-name&variables=%7B%22key%22%3A%22agreements%2Fdepa%22%7D";

            using var response = await Get(client, url);
            using var revalidated = await Get(client, url, ("If-None-Match", response.Headers.ETag!.Tag));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Digital Economy Partnership Agreement", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Max_age_zero_asks_to_revalidate_every_time()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["GraphQL:ResponseCache:MaxAgeSeconds"] = "0" });
        using var client = api.CreateClient();

        using var response = await Get(client, Depa);

        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.True(response.Headers.CacheControl!.Public);
    }

    private static GraphApiFactory Factory(bool cache) =>
        new(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["GraphQL:ResponseCache:Enabled"] = cache ? "true" : "false" });

    private static async Task<HttpResponseMessage> Get(HttpClient client, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
