using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 14.5: <c>narrative(lang:)</c> serves one language's block; without <c>lang</c>, both together as before,
/// so clients written before the corpus marked languages see the same shape.
/// </summary>
public sealed partial class NarrativeLanguageTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF]")]
    private static partial Regex Han();

    private const string Query = """
        query($after: String) {
          entities(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes {
              key
              both: narrative { markdown html text }
              zh: narrative(lang: ZH) { markdown html text }
              en: narrative(lang: EN) { markdown html text }
            }
          }
        }
        """;

    [Fact]
    public async Task Each_language_alone_and_both_together_for_every_shipped_entity()
    {
        var checkedEntities = 0;
        string? after = null;
        do
        {
            var page = (await api.QueryAsync(Query, new { after }))["entities"]!;
            foreach (var node in page["nodes"]!.AsArray())
            {
                var key = (string)node!["key"]!;
                string Field(string language, string field) => (string)node[language]![field]!;

                Assert.True(Han().IsMatch(Field("zh", "text")), $"{key}: the Chinese block has no Chinese");
                Assert.False(Han().IsMatch(Field("en", "text")), $"{key}: the English block has Chinese");
                Assert.Contains("data-key=", Field("en", "html"), StringComparison.Ordinal);
                Assert.Equal(Field("zh", "markdown") + "\n\n" + Field("en", "markdown"), Field("both", "markdown"));
                Assert.Equal(Field("zh", "html") + Field("en", "html"), Field("both", "html"));
                Assert.Equal(Field("zh", "text") + "\n" + Field("en", "text"), Field("both", "text"));
                Assert.DoesNotContain(":::", Field("both", "markdown"), StringComparison.Ordinal);
                checkedEntities++;
            }

            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.True(checkedEntities > 400, $"only {checkedEntities} entities");
    }

    [Fact]
    public async Task An_unknown_language_fails_validation()
    {
        var (status, body) = await api.PostAsync("""{ entity(key: "agreements/depa") { narrative(lang: FR) { text } } }""");

        Assert.Equal(422, status); // a validation error, as the GraphQL-over-HTTP spec has it for application/graphql-response+json
        Assert.Contains("FR", body["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
    }
}
