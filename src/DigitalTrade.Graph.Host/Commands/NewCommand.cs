using System.CommandLine;
using System.Text.RegularExpressions;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Host.Hosting;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>new &lt;kind&gt; &lt;slug&gt;</c>: writes a template entity file that validates, ready to fill in.</summary>
internal static partial class NewCommand
{
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    public static Command Create()
    {
        var kinds = string.Join(", ", EntityKinds.All.Select(k => k.Name));
        var kind = new Argument<string>("kind") { Description = "The kind: " + kinds + " (or its folder name)." };
        var slug = new Argument<string>("slug") { Description = "The file name without .md: lower-case ASCII, digits and hyphens, e.g. hainan-data-processing-trade." };
        var corpus = new Option<string>("--corpus") { Description = "The corpus folder.", DefaultValueFactory = _ => "graph-seed" };
        var command = new Command("new", "Write a template file for a new entity, e.g. `new case hainan-data-processing-trade`.") { kind, slug, corpus };
        command.WithUsage($"dtgraph new <kind> <slug> [--corpus <folder>], e.g. `dtgraph new case my-new-case`; kinds: {kinds}");
        command.SetAction(parseResult =>
        {
            var name = parseResult.GetValue(kind)!;
            var info = EntityKinds.FromName(name) ?? EntityKinds.FromFolder(name);
            var file = parseResult.GetValue(slug)!;
            if (info is null)
            {
                return Cli.Fail(command, $"unknown kind '{name}' (kinds: {kinds})");
            }

            if (!SlugPattern().IsMatch(file))
            {
                return Cli.Fail(command, $"'{file}' is not a valid key: use lower-case ASCII letters, digits and single hyphens, e.g. hainan-data-processing-trade");
            }

            var folder = parseResult.GetValue(corpus)!;
            var path = Path.Combine(CorpusLocation.Resolve(folder), info.Folder, file + ".md");
            if (File.Exists(path))
            {
                Console.Error.WriteLine($"dtgraph new: error: {path} already exists; keys are stable, edit it instead");
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, EntityTemplates.Create(info.Kind, file));
            Console.Out.WriteLine($"wrote {path} (key {info.Folder}/{file}); fill in the TODOs, then run `dtgraph validate`");
            return 0;
        });
        return command;
    }
}
