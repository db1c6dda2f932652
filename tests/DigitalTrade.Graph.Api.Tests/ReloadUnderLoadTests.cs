using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Host.Hosting;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// While clients query without pause, the corpus is swapped 100 times, good and broken edits
/// alternating: no request fails, every answer belongs to exactly one snapshot, and no broken
/// edit is ever served.
/// </summary>
public sealed class ReloadUnderLoadTests
{
    private const string Query = "{ corpus { version } entity(key: \"economies/chile\") { name { en } } entities(kinds: [ECONOMY]) { totalCount } }";

    [Fact]
    public async Task A_hundred_swaps_under_load_serve_only_whole_good_snapshots()
    {
        var corpus = ApiCorpus.Write();
        await using var api = new GraphApiFactory(corpus);
        var snapshots = api.Services.GetRequiredService<CorpusSnapshotService>();
        var store = api.Services.GetRequiredService<EmbeddedGraphStore>();
        var chile = Path.Combine(corpus, "economies", "chile.md");
        var extra = Path.Combine(corpus, "economies", "extra.md");
        var original = await File.ReadAllTextAsync(chile, TestContext.Current.CancellationToken);

        // What each published version must answer: Chile's English name and the number of economies.
        var expected = new ConcurrentDictionary<string, (string Name, int Economies)>();
        expected[store.Current!.Version] = ("Chile", 5);
        var answers = new ConcurrentBag<(int Status, string? Version, string? Name, int? Economies, bool Errors)>();
        using var stop = new CancellationTokenSource();

        async Task Client()
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await api.PostAsync(Query);
                answers.Add((status, (string?)body["data"]?["corpus"]?["version"], (string?)body["data"]?["entity"]?["name"]?["en"],
                    (int?)body["data"]?["entities"]?["totalCount"], body["errors"] is not null));
            }
        }

        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(Client, TestContext.Current.CancellationToken)).ToList();
        var brokenRejected = 0;
        for (var swap = 1; swap <= 100; swap++)
        {
            if (swap % 2 == 1)
            {
                // A good edit: a new name, and every fourth swap one more economy, so versions differ in two places.
                var name = $"Chile {swap}";
                await File.WriteAllTextAsync(chile, original.Replace("en: Chile", "en: " + name, StringComparison.Ordinal), TestContext.Current.CancellationToken);
                var economies = 5;
                if (swap % 4 == 1)
                {
                    await File.WriteAllTextAsync(extra, "---\nkind: economy\nname:\n  zh: 额外\n  en: Extra\nsummary:\n  zh: 额外。\n  en: Extra.\nsources:\n  - section: \"测试\"\n---\n::: zh\n额外。\n:::\n\n::: en\nExtra.\n:::\n", TestContext.Current.CancellationToken);
                    economies = 6;
                }
                else
                {
                    File.Delete(extra);
                }

                Assert.True(snapshots.Reload());
                expected[store.Current!.Version] = (name, economies);
            }
            else
            {
                // A broken edit: the name changes too, but a dangling relation makes the corpus invalid.
                await File.WriteAllTextAsync(chile, original.Replace("en: Chile", "en: BROKEN", StringComparison.Ordinal).Replace("agreements/depa]", "agreements/nowhere]", StringComparison.Ordinal), TestContext.Current.CancellationToken);
                brokenRejected += snapshots.Reload() ? 0 : 1;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Equal(50, brokenRejected);
        Assert.True(answers.Count > 200, $"only {answers.Count} answers");
        Assert.All(answers, a =>
        {
            Assert.Equal(200, a.Status);
            Assert.False(a.Errors);
            Assert.True(expected.TryGetValue(a.Version!, out var snapshot), $"version {a.Version} was never published");
            Assert.Equal((snapshot.Name, snapshot.Economies), (a.Name!, a.Economies!.Value));
        });
        Assert.DoesNotContain(answers, a => a.Name == "BROKEN");
        Assert.True(answers.Select(a => a.Version).Distinct().Count() > 5, "the clients should have seen many versions");
    }
}
