using System.Diagnostics;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Keys that fail loudly: every argument that must name an entity answers an unknown key with NOT_FOUND and the
/// closest keys and names (a name where a key belongs included); entity(key) stays null with a non-fatal error.
/// </summary>
public sealed class KeyErrorTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [Theory]
    [InlineData("""{ paths(from: "Hainan", to: "agreements/depa") { length } }""", "'from'", "provinces/hainan")]
    [InlineData("""{ paths(from: "provinces/hainan", to: "agreements/nope") { length } }""", "'to'", null)]
    [InlineData("""{ paths(from: "海南", to: "DEPA") { length } }""", "'from'", "provinces/hainan")]
    [InlineData("""{ neighborhood(key: "agreements/dpea") { truncated } }""", "'key'", "agreements/depa")]
    [InlineData("""{ entities(filter: { province: "provinces/zhejaing" }) { totalCount } }""", "'province'", "provinces/zhejiang")]
    [InlineData("""{ entities(filter: { province: "浙江" }) { totalCount } }""", "'province'", "provinces/zhejiang")]
    [InlineData("""{ entities(filter: { province: "cities/hangzhou" }) { totalCount } }""", "it names a city", null)]
    [InlineData("""{ entities(filter: { relatedTo: { key: "agreements/rcpe" } }) { totalCount } }""", "'relatedTo.key'", "agreements/rcep")]
    [InlineData("""{ indicators(economy: "China") { totalCount } }""", "'economy'", "economies/china")]
    [InlineData("""{ indicators(economy: "agreements/depa") { totalCount } }""", "no economy", null)]
    [InlineData("""{ indicator(key: "indicators/table-06-china-digitally-deliverable-services") { observations(economy: "economies/chnia") { value } } }""", "'economy'", "economies/china")]
    public async Task An_argument_naming_no_entity_is_NOT_FOUND_with_suggestions(string query, string mentions, string? suggested)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.Equal(200, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("NOT_FOUND", (string?)error["extensions"]!["code"]);
        var message = (string)error["message"]!;
        Assert.Contains(mentions, message, StringComparison.Ordinal);
        var offered = error["extensions"]!["suggestions"]?.AsArray().Select(k => (string?)k).ToList() ?? [];
        if (suggested is not null)
        {
            Assert.Contains($"Perhaps: '{suggested}'", message, StringComparison.Ordinal);
            Assert.Equal(suggested, offered.FirstOrDefault()); // as data too, for front-ends to offer
        }
    }

    [Fact]
    public async Task Entity_by_an_unknown_key_is_null_with_a_non_fatal_error_at_its_path()
    {
        var (status, body) = await api.PostAsync("""{ ok: entity(key: "agreements/depa") { key } missing: entity(key: "Zhejiang") { key } table: indicator(key: "agreements/depa") { key } }""");

        Assert.Equal(200, status);
        Assert.Equal("agreements/depa", (string?)body["data"]!["ok"]!["key"]);
        Assert.Null(body["data"]!["missing"]);
        Assert.Null(body["data"]!["table"]);
        var errors = body["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("NOT_FOUND", (string?)e!["extensions"]!["code"]));
        var missing = errors.Single(e => (string?)e!["path"]![0] == "missing")!;
        Assert.Contains("Perhaps: 'provinces/zhejiang' (named 'Zhejiang')", (string)missing["message"]!, StringComparison.Ordinal);
        Assert.Equal("provinces/zhejiang", (string?)missing["extensions"]!["suggestions"]![0]);
        Assert.NotNull(missing["locations"]);
        var table = errors.Single(e => (string?)e!["path"]![0] == "table")!;
        Assert.Contains("no indicator has the key 'agreements/depa' (it names an agreement)", (string)table["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ entities(filter: { status: ["inforce"] }) { totalCount } }""", "INVALID_ARGUMENT", "did you mean 'in_force'")]
    [InlineData("""{ entities(filter: { level: ["nationwide"] }) { totalCount } }""", "INVALID_ARGUMENT", "level is one of national")]
    [InlineData("""{ entities(filter: { dateField: "issue" }) { totalCount } }""", "INVALID_ARGUMENT", "did you mean 'issued'")]
    [InlineData("""{ indicator(key: "indicators/table-06-china-digitally-deliverable-services") { observations(series: "export") { value } } }""", "INVALID_ARGUMENT", "did you mean 'exports'")]
    [InlineData("""{ entities(filter: { agreementStatus: [INFORCE] }) { totalCount } }""", "ARGUMENTS_OF_CORRECT_TYPE", "AgreementStatus")]
    [InlineData("""{ entities(filter: { agreementStatus: ["in_force"] }) { totalCount } }""", "ARGUMENTS_OF_CORRECT_TYPE", "AgreementStatus")]
    public async Task A_filter_value_outside_its_vocabulary_fails_loudly(string query, string code, string says)
    {
        var (_, body) = await api.PostAsync(query);

        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        Assert.Contains(says, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_bogus_key_is_refused_quickly_without_echoing_it()
    {
        var bogus = new string('x', 10_000) + "省";
        var watch = Stopwatch.StartNew();

        var (_, body) = await api.PostAsync("query($k: String!) { a: paths(from: $k, to: \"agreements/depa\") { length } b: entity(key: $k) { key } }", new { k = bogus });

        watch.Stop();
        Assert.All(body["errors"]!.AsArray(), e => Assert.Equal("NOT_FOUND", (string?)e!["extensions"]!["code"]));
        Assert.All(body["errors"]!.AsArray(), e => Assert.True(((string)e!["message"]!).Length < 400));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Names_and_aliases_resolve_to_keys_in_either_language()
    {
        var data = await api.QueryAsync("""
            { resolve(names: ["海南", "Hainan Province", "深圳", "ＤＥＰＡ", " depa ", "上海市", "provinces/ZHEJIANG", "hainan-ftp", "zhejaing", "no such thing at all"]) {
                name matches { key matchedBy matchedText distance entity { key } } suggestions { key matchedBy distance } } }
            """);

        var answers = data["resolve"]!.AsArray();
        (string Key, string By)? First(int i) => answers[i]!["matches"]!.AsArray().FirstOrDefault() is { } m ? ((string)m["key"]!, (string)m["matchedBy"]!) : null;
        Assert.Equal(("provinces/hainan", "ALIAS"), First(0));
        Assert.Equal(("provinces/hainan", "SHORT_NAME"), First(1));
        Assert.Equal(("cities/shenzhen", "SHORT_NAME"), First(2));
        Assert.Equal(("agreements/depa", "ALIAS"), First(3));
        Assert.Equal(("agreements/depa", "ALIAS"), First(4));
        Assert.Equal(("provinces/shanghai", "NAME"), First(5));
        Assert.Equal(("provinces/zhejiang", "KEY"), First(6));
        Assert.Equal(("zones/hainan-ftp", "SLUG"), First(7));
        Assert.Null(First(8));
        Assert.Equal("provinces/zhejiang", (string?)answers[8]!["suggestions"]![0]!["key"]);
        Assert.Equal(2, (int)answers[8]!["suggestions"]![0]!["distance"]!);
        Assert.Empty(answers[9]!["matches"]!.AsArray());
        Assert.All(answers.Take(8), a => Assert.Equal((string?)a!["matches"]![0]!["key"], (string?)a["matches"]![0]!["entity"]!["key"]));
        Assert.Equal("海南", (string?)answers[0]!["name"]);
    }

    [Fact]
    public async Task Resolve_takes_kinds_and_is_bounded()
    {
        var data = await api.QueryAsync("""{ resolve(names: ["China"], kinds: [ORGANIZATION]) { matches { key } } all: resolve(names: ["China"]) { matches { key } } }""");
        Assert.Empty(data["resolve"]![0]!["matches"]!.AsArray());
        Assert.Equal("economies/china", (string?)data["all"]![0]!["matches"]![0]!["key"]);

        var tooMany = Enumerable.Range(0, 51).Select(i => $"name {i}").ToArray();
        var (_, body) = await api.PostAsync("query($n: [String!]!) { resolve(names: $n) { name } }", new { n = tooMany });
        Assert.Equal("INVALID_ARGUMENT", (string?)body["errors"]![0]!["extensions"]!["code"]);

        // The worst the edit-distance work can be: 50 names near the longest English names, each unlike them all.
        var longest = new string('q', 200);
        var watch = Stopwatch.StartNew();
        var worst = await api.QueryAsync("query($n: [String!]!) { resolve(names: $n) { suggestions { key } } }", new { n = Enumerable.Repeat(longest, 50).ToArray() });
        watch.Stop();
        Assert.Equal(50, worst["resolve"]!.AsArray().Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }
}
