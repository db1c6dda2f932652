namespace DigitalTrade.Graph.Tests;

/// <summary>The repository checkout the tests run in: the folder holding DigitalTrade.Graph.sln. Shared by every test project.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "DigitalTrade.Graph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository checkout.");
    }
}
