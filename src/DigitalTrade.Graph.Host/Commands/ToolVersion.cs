using System.Reflection;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>
/// The release this build is: the solution's version (Directory.Build.props) and, when built from a git
/// checkout, "+" and the commit (the SDK's source revision). `dtgraph --version` prints it.
/// </summary>
internal static class ToolVersion
{
    public static string Informational { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
