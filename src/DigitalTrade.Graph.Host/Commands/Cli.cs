using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>
/// Runs the <c>dtgraph</c> command line and reports every usage error the same way: one line per
/// problem naming the command, then the command's usage with its valid choices, exit code 2.
/// (System.CommandLine's own report printed .NET type names and the whole help text.)
/// </summary>
internal static partial class Cli
{
    /// <summary>Exit code for a command line that cannot be run as written.</summary>
    public const int UsageError = 2;

    private static readonly Dictionary<Command, string> Usages = [];

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Registers the one-line usage (with the valid choices) printed after an error in <paramref name="command"/>.</summary>
    public static T WithUsage<T>(this T command, string usage)
        where T : Command
    {
        Usages[command] = usage;
        return command;
    }

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        var command = parsed.CommandResult.Command;
        if (parsed.Action is ParseErrorAction)
        {
            return Fail(command, [.. parsed.Errors.Select(e => Whitespace().Replace(e.Message, " ").Trim()).Distinct(StringComparer.Ordinal)]);
        }

        // The root passes unknown tokens on to serve, which makes System.CommandLine accept them for every
        // command; only serve and seed take configuration arguments, the others refuse what they do not know.
        if (command.TreatUnmatchedTokensAsErrors && parsed.UnmatchedTokens.Count > 0 && parsed.Action is not HelpAction)
        {
            return Fail(command, [.. parsed.UnmatchedTokens.Select(t => t.StartsWith('-') ? $"unknown option '{t}'" : $"unexpected argument '{t}'")]);
        }

        return await parsed.InvokeAsync();
    }

    /// <summary>Prints the problems and the command's usage on standard error; returns <see cref="UsageError"/>.</summary>
    public static int Fail(Command command, params string[] problems)
    {
        var name = command is RootCommand ? "dtgraph" : "dtgraph " + command.Name;
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"{name}: error: {problem}");
        }

        if (Usages.TryGetValue(command, out var usage))
        {
            Console.Error.WriteLine("usage: " + usage);
        }

        Console.Error.WriteLine($"run `{name} --help` for details");
        return UsageError;
    }

    /// <summary>
    /// Serve and seed pass the tokens they do not know to ASP.NET Core configuration, which reads
    /// <c>--Key value</c> and <c>--Key=value</c>. A bare word anywhere else is a mistake (a misspelt
    /// command, a stray argument): said here, instead of starting a server that ignores it.
    /// </summary>
    public static string? StrayArgument(IReadOnlyList<string> unmatched, bool atRoot)
    {
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            var isValue = i > 0 && unmatched[i - 1].StartsWith('-') && !unmatched[i - 1].Contains('=', StringComparison.Ordinal);
            if (token.StartsWith('-') || isValue)
            {
                continue;
            }

            return atRoot && i == 0
                ? $"unknown command '{token}'"
                : $"unexpected argument '{token}' (configuration is given as --Key value or --Key=value)";
        }

        return null;
    }
}
