using System.CommandLine;
using Concord.Data;
using Concord.Flow.Dsl;

namespace Concord.Cli.Commands.Run;

/// <summary>
/// <c>concord run job.yaml</c>: the whole job on one machine — a node process per party, the job's data files
/// uploaded, the job submitted and followed to its end, its metrics printed, the nodes stopped.
/// </summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run a job file on this machine, with every party as its own node process.");
        var file = new Argument<string>("job") { Description = "The job file (YAML)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the job's outcome and metrics on the last line" };
        var home = new Option<string?>("--home") { Description = $"Root of the parties' data folders (default: ${PartyHome.EnvironmentVariable} or ./{PartyHome.DefaultRoot})" };
        var keep = new Option<bool>("--keep") { Description = "Keep the run's certificates, config and node logs" };
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(home);
        command.Options.Add(keep);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new ArgumentException($"job file {path} does not exist");
            }
            var text = await File.ReadAllTextAsync(path, ct);
            var job = JobFile.Parse(text, path, Components.Catalog().Specs);
            var root = PartyHome.Root(parse.GetValue(home));
            var folder = Path.Combine(root, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}");
            var outcome = await StandaloneRun.RunAsync(job, text, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path))!, folder, root, ct);
            RunReport.Print(outcome);
            if (parse.GetValue(json))
            {
                JsonLine.Write(RunReport.Figures(outcome));
            }
            if (!parse.GetValue(keep) && outcome.Succeeded)
            {
                Directory.Delete(folder, recursive: true);
            }
            return outcome.Succeeded ? 0 : 1;
        });
        return command;
    }
}
