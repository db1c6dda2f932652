using System.Runtime.CompilerServices;

namespace DigitalTrade.Graph.Tests;

/// <summary>
/// Every host a test starts (in process, or as a child process, which inherits the environment) keeps its
/// snapshot cache in one folder of this test run, never in the user's cache folder; removed at exit.
/// </summary>
internal static class TestCacheFolder
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dtg-test-cache-{Environment.ProcessId}-{Guid.NewGuid():N}");

    [ModuleInitializer]
    internal static void Use()
    {
        Environment.SetEnvironmentVariable("Corpus__Cache__Path", Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Missing (nothing was cached) or still being written by a child: the OS temp folder is cleaned anyway.
            }
        };
    }
}
