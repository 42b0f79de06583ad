using System.CommandLine;
using System.Globalization;
using Concord.Flow.Control;
using Concord.Flow.Deployment;
using Concord.Flow.Serving;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// <c>concord job deploy JOB</c> turns a successful training job into a predict pipeline every party registers (a
/// "pipeline" model per party, versioned, exportable); <c>concord job predict NAME --table ns/name</c> runs it on new
/// rows and reports where the guest's scores are.
/// </summary>
internal static class DeployCommands
{
    public static IEnumerable<Command> Build()
    {
        yield return Deploy();
        yield return Predict();
    }

    private static Command Deploy()
    {
        var command = new Command("deploy", "Turn a successful training job into a predict pipeline registered at every party.");
        var job = new Argument<string>("job-id") { Description = "The training job" };
        var name = new Option<string?>("--name") { Description = "The deployment's name (default: the job id); deploying a name again makes a new version" };
        var components = new Option<string?>("--components") { Description = "The models to deploy, comma-separated (default: every model the job trained)" };
        var json = new Option<bool>("--json") { Description = "Print the deployment as one JSON object" };
        command.Arguments.Add(job);
        command.Options.Add(name);
        command.Options.Add(components);
        command.Options.Add(json);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            string[]? chosen = parse.GetValue(components) is string list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
            var deployed = await api.DeployAsync(new DeployRequest(parse.GetValue(job)!, parse.GetValue(name), chosen), ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(deployed);
                return 0;
            }
            Console.WriteLine($"deployed {string.Join(", ", deployed.Fitted)} of {deployed.TrainingJob} as {deployed.Name}: "
                + string.Join(", ", deployed.Versions.OrderBy(v => v.Key).Select(v => $"party {v.Key} version {v.Value}")));
            Console.WriteLine($"score new rows: concord job predict {deployed.Name} --table NAMESPACE/NAME");
            return 0;
        });
    }

    private static Command Predict()
    {
        var command = new Command("predict", "Score a new table with a deployed pipeline (PSI, transforms and models as trained) and follow the job to the end.");
        var deployment = new Argument<string>("deployment");
        var tables = new Option<string[]>("--table")
        {
            Description = "namespace/name of the new rows at every party, or PARTY=namespace/name for one party's own",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "End with one JSON object: the job, its state and the score tables" };
        command.Arguments.Add(deployment);
        command.Options.Add(tables);
        command.Options.Add(json);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var job = await api.PredictWithAsync(parse.GetValue(deployment)!, Tables(parse.GetValue(tables)!), ct);
            Console.Error.WriteLine($"submitted {job.JobId}");
            var view = await Run.TaskProgress.FollowAsync(api, job.JobId, ct);
            var ok = view.Job.State == TaskState.Success;
            if (parse.GetValue(json))
            {
                JsonLine.Write(new { jobId = job.JobId, state = JobCommand.Word(view.Job.State), error = view.Job.Error, job.Deployment, scores = job.Scores.Select(t => t.ToString()) });
            }
            else
            {
                Console.WriteLine($"{job.JobId}: {JobCommand.Word(view.Job.State)}{(view.Job.Error is null ? "" : $": {view.Job.Error}")}");
                foreach (var table in job.Scores.Where(_ => ok))
                {
                    Console.WriteLine($"scores at party {api.PartyId}: {table} (concord data show {table.Namespace} {table.Name} --party {api.PartyId})");
                }
            }
            return ok ? 0 : 1;
        });
    }

    /// <summary>One namespace/name for every party, and PARTY=namespace/name for a party whose table differs.</summary>
    private static PipelinePredict Tables(IEnumerable<string> values)
    {
        TableRef? common = null;
        var own = new Dictionary<int, TableRef>();
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            var table = parts[^1].Split('/', 2);
            if (table.Length != 2)
            {
                throw new ArgumentException($"--table \"{value}\" is not namespace/name or PARTY=namespace/name");
            }
            var name = new TableRef(table[0], table[1]);
            if (parts.Length == 1)
            {
                common = common is null ? name : throw new ArgumentException("--table names the table for every party twice");
            }
            else if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var party) || !own.TryAdd(party, name))
            {
                throw new ArgumentException($"--table \"{value}\": \"{parts[0]}\" is not a party id named once");
            }
        }
        return new PipelinePredict(common, own);
    }
}
