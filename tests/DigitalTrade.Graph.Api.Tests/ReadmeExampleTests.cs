using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>Every GraphQL example of the README runs against the shipped corpus and answers something.</summary>
public sealed partial class ReadmeExampleTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [GeneratedRegex("```graphql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex("-d '(\\{.*?\\})'", RegexOptions.Singleline)]
    private static partial Regex CurlBody();

    public static TheoryData<string> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var examples = new TheoryData<string>();

        // A block holds one query, or several each introduced by a comment line.
        foreach (Match block in GraphQLBlock().Matches(readme))
        {
            var current = new List<string>();
            foreach (var line in block.Groups[1].Value.Split('\n').Append("#"))
            {
                if (line.StartsWith('#'))
                {
                    if (current.Any(l => l.Trim().Length > 0))
                    {
                        examples.Add(string.Join('\n', current).Trim());
                    }

                    current = [];
                }
                else
                {
                    current.Add(line);
                }
            }
        }

        foreach (Match body in CurlBody().Matches(readme))
        {
            examples.Add(JsonNode.Parse(body.Groups[1].Value)!["query"]!.GetValue<string>());
        }

        return examples;
    }

    [Fact]
    public void The_README_has_its_examples() => Assert.True(Examples().Count >= 10, $"{Examples().Count} examples");

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_README_example_answers(string query)
    {
        var data = await api.QueryAsync(query);

        foreach (var (field, value) in data.AsObject())
        {
            Assert.True(value is not null, $"{field} is null");
        }

        Assert.True(HasNonEmptyList(data), $"no answer in {data.ToJsonString(new JsonSerializerOptions { WriteIndented = false })}");
    }

    private static bool HasNonEmptyList(JsonNode? node) => node switch
    {
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Any(p => HasNonEmptyList(p.Value)),
        _ => false,
    };
}
