using System.CommandLine;
using Concord.Local;

namespace Concord.Cli.Demo;

/// <summary><c>concord demo</c>: the main job, a real three-party vertical federated run on loopback.</summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var command = new Command("demo", "Vertical credit scoring on bundled FATE data: guest, host and arbiter as node processes on 127.0.0.1 run PSI, then HeteroLR and SecureBoost, each evaluated and compared with its plaintext LocalBaseline.");
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures on the last line" };
        var workdir = new Option<string?>("--workdir") { Description = "Folder for certificates, configs, party data and logs (default: a new temp folder)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the work folder afterwards (it is kept anyway when the run fails)" };
        command.Options.Add(json);
        command.Options.Add(workdir);
        command.Options.Add(keep);
        var board = new Option<bool>("--board") { Description = "Keep the nodes up after the demo and print the guest's board address and how to sign in; Ctrl-C stops them" };
        command.Options.Add(board);
        Commands.UserFacing.SetAction(command, async (parse, ct) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(workdir) ?? Path.Combine(Path.GetTempPath(), $"concord-demo-{Guid.NewGuid().ToString("N")[..8]}"));
            var keepUp = parse.GetValue(board);
            var outcome = await DemoRun.RunAsync(folder, new StepProgress(), keepUp ? (o, federation) => DemoBoard.KeepUpAsync(o, federation, ct) : null, ct);
            if (!keepUp)
            {
                DemoReport.Print(outcome);
            }
            if (parse.GetValue(json))
            {
                Commands.JsonLine.Write(DemoReport.Figures(outcome));
            }
            if (!parse.GetValue(keep) && outcome.Passed && parse.GetValue(workdir) is null)
            {
                Directory.Delete(folder, recursive: true);
            }
            return outcome.Passed ? 0 : 1;
        });
        return command;
    }
}
