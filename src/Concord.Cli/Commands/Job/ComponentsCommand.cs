using System.CommandLine;
using Concord.Flow.Dsl.Specs;

namespace Concord.Cli.Commands.Job;

/// <summary><c>concord job components</c>: the component reference, every component and parameter a job may use, as Markdown.</summary>
internal static class ComponentsCommand
{
    /// <summary>Where the repository keeps the reference; ComponentReferenceTests fails when it differs from this output.</summary>
    public const string DocumentPath = "docs/components.md";

    public static Command Build()
    {
        var command = new Command("components", $"Print the reference of every component and parameter a job may use, as Markdown ({DocumentPath}).");
        var output = new Option<string?>("--out") { Description = "Write it to this file instead of standard output", HelpName = "file" };
        command.Options.Add(output);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var markdown = ComponentReference.Markdown(Components.Catalog().Specs);
            if (parse.GetValue(output) is string path)
            {
                await File.WriteAllTextAsync(path, markdown, ct);
            }
            else
            {
                Console.Write(markdown);
            }
            return 0;
        });
        return command;
    }
}
