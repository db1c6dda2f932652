using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Api.Tests;

public sealed class ApiCorpusTests
{
    [Fact]
    public void The_api_test_corpus_is_valid()
    {
        var root = ApiCorpus.Write();
        try
        {
            var result = CorpusLoader.Load(root);
            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.Empty(result.Diagnostics);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
