using System.CommandLine;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// <c>concord job output JOB COMPONENT [--output NAME] --out FILE.csv</c>: a component's output table (a PSI result,
/// scores, data_split's train set) as the chosen party's node holds it; each party downloads its own rows from its own node.
/// </summary>
internal static class OutputCommand
{
    public static Command Build()
    {
        var command = new Command("output", "Download a component's output table, as one party holds it (--party; the guest by default), as CSV.");
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var component = new Argument<string>("component") { Description = "The component's name in the job, such as psi_0" };
        var name = new Option<string?>("--output") { Description = "Which of the component's tables, such as data_split's train_output_data (default: its data table, or its only one)", HelpName = "name" };
        var output = new Option<string>("--out") { Description = "The CSV file to write", HelpName = "file", Required = true };
        command.Arguments.Add(id);
        command.Arguments.Add(component);
        command.Options.Add(name);
        command.Options.Add(output);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var path = parse.GetValue(output)!;
            // Written beside the target and moved into place, so a refused or broken download leaves no half table.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var file = File.Create(temporary))
                {
                    await api.DownloadOutputAsync(parse.GetValue(id)!, parse.GetValue(component)!, parse.GetValue(name), file, ct);
                }
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            Console.WriteLine($"wrote {path} ({new FileInfo(path).Length} bytes) from party {api.PartyId}'s node");
            return 0;
        });
    }
}
