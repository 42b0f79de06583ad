using System.CommandLine;
using Concord.Cli.Commands.Run;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Spectre.Console;

namespace Concord.Cli.Commands.Job;

/// <summary><c>concord job ...</c>: submit and follow jobs on running nodes through their REST API.</summary>
internal static class JobCommand
{
    public static Command Build()
    {
        var job = new Command("job", "Submit, follow, stop and resume jobs on running nodes.");
        job.Subcommands.Add(Submit());
        job.Subcommands.Add(Status());
        job.Subcommands.Add(List());
        job.Subcommands.Add(Stop());
        job.Subcommands.Add(Logs());
        job.Subcommands.Add(Metrics());
        job.Subcommands.Add(Resume());
        job.Subcommands.Add(Dag());
        job.Subcommands.Add(OutputCommand.Build());
        job.Subcommands.Add(ComponentsCommand.Build());
        foreach (var command in DeployCommands.Build().Concat(Governance.JobApprovalCommands.Build()))
        {
            job.Subcommands.Add(command);
        }
        return job;
    }

    private static Command Submit()
    {
        var command = new Command("submit", "Submit a job file to the guest's node and follow it to the end.");
        var file = new Option<string>("--job", "-c") { Description = "The job file (YAML)", HelpName = "file", Required = true };
        var detach = new Option<bool>("--detach") { Description = "Return once the job is accepted" };
        command.Options.Add(file);
        command.Options.Add(detach);
        var connection = new NodeConnection();
        connection.AddTo(command);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new ArgumentException($"job file {path} does not exist");
            }
            var text = await File.ReadAllTextAsync(path, ct);
            // Checked here first, so a wrong party is named with its line before anything reaches a node.
            FederationRoster.Check(JobFile.Parse(text, Path.GetFileName(path), Components.Catalog().Specs), connection.LoadConfig(parse));
            using var api = connection.Open(parse);
            var jobId = await api.SubmitAsync(text, Path.GetFileName(path), ct);
            Console.WriteLine($"submitted {jobId}");
            return parse.GetValue(detach) ? 0 : await FollowAsync(api, jobId, ct);
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Show a job and every party's tasks.");
        var id = JobId(command);
        var json = JsonFlag.AddTo(command, "{\"jobId\", \"state\", ..., \"tasks\": [...]}");
        return WithNode(command, async (parse, api, ct) =>
        {
            var view = await api.GetJobAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(JobJson.Of(view));
                return 0;
            }
            Console.WriteLine($"{view.Job.JobId} ({view.Job.Spec.Name}): {Word(view.Job.State)}{(view.Job.Error is null ? "" : $": {view.Job.Error}")}");
            var table = new Table().AddColumns("component", "party", "role", "state", "attempt", "error");
            foreach (var task in view.Tasks)
            {
                table.AddRow(task.Key.Component, $"{task.Key.Party}", task.Role, Word(task.State), $"{task.Attempt}", Markup.Escape(task.Error ?? ""));
            }
            AnsiConsole.Write(table);
            MetricWarnings.Print(await api.MetricsAsync(view.Job.JobId, ct));
            return 0;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List the node's jobs, newest first.");
        var json = JsonFlag.AddTo(command, "{\"jobs\": [...]}");
        return WithNode(command, async (parse, api, ct) =>
        {
            var jobs = await api.ListJobsAsync(ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new JobJson.List([.. jobs.Select(JobJson.Of)]));
                return 0;
            }
            var table = new Table().AddColumns("job", "name", "state", "created", "error");
            foreach (var job in jobs)
            {
                table.AddRow(job.JobId, Markup.Escape(job.Spec.Name), Word(job.State), $"{job.CreatedAt:yyyy-MM-dd HH:mm:ss}", Markup.Escape(job.Error ?? ""));
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static Command Stop()
    {
        var command = new Command("stop", "Stop a running job at every party.");
        var id = JobId(command);
        return WithNode(command, async (parse, api, ct) =>
        {
            var job = await api.StopAsync(parse.GetValue(id)!, ct);
            Console.WriteLine($"{job.JobId}: {Word(job.State)}");
            return 0;
        });
    }

    private static Command Logs()
    {
        // Each party keeps its own task logs; --party picks whose node (and so whose logs) to read.
        var command = new Command("logs", "Print a job's task logs, as kept by one party (--party; the guest by default).");
        var id = JobId(command);
        var component = new Option<string?>("--component") { Description = "Only this component" };
        command.Options.Add(component);
        var json = JsonFlag.AddTo(command, "{\"jobId\", \"lines\": [...]}");
        return WithNode(command, async (parse, api, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            var lines = await api.LogsAsync(jobId, parse.GetValue(component), api.PartyId, 0, ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new JobJson.Logs(jobId, [.. lines.Select(JobJson.Of)]));
                return 0;
            }
            foreach (var line in lines)
            {
                Console.WriteLine($"{line.Time:HH:mm:ss.fff} {line.Task.Component} party {line.Task.Party}: {line.Message}");
            }
            return 0;
        });
    }

    private static Command Metrics()
    {
        var command = new Command("metrics", "Print a job's metrics.");
        var id = JobId(command);
        var json = JsonFlag.AddTo(command, "{\"jobId\", \"values\": [...]}");
        return WithNode(command, async (parse, api, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            var metrics = await api.MetricsAsync(jobId, ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new JobJson.Metrics(jobId, [.. metrics.Select(JobJson.Of)]));
                return 0;
            }
            foreach (var metric in metrics)
            {
                Console.WriteLine($"{metric.Task.Component} party {metric.Task.Party} {metric.Name}{(metric.Step is long s ? $"[{s}]" : "")}: {metric.Value.ToJsonString()}");
            }
            MetricWarnings.Print(metrics);
            return 0;
        });
    }

    private static Command Resume()
    {
        var command = new Command("resume", "Run a failed or stopped job again, keeping what succeeded at every party.");
        var id = JobId(command);
        var from = new Option<string?>("--from") { Description = "Rerun this component and everything downstream of it" };
        command.Options.Add(from);
        return WithNode(command, async (parse, api, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            var attempt = await api.ResumeAsync(jobId, parse.GetValue(from), ct);
            Console.WriteLine($"{jobId}: attempt {attempt} started");
            return await FollowAsync(api, jobId, ct);
        });
    }

    private static Command Dag()
    {
        var command = new Command("dag", "Show a job's components, their inputs, and each party's task state.");
        var id = JobId(command);
        return WithNode(command, async (parse, api, ct) =>
        {
            var table = new Table().AddColumns("component", "type", "inputs", "states");
            foreach (var node in await api.DagAsync(parse.GetValue(id)!, ct))
            {
                table.AddRow(node.Name, node.Type, Markup.Escape(string.Join(", ", node.Inputs)),
                    string.Join(", ", node.States.OrderBy(s => s.Key).Select(s => $"{s.Key}: {Word(s.Value)}")));
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static async Task<int> FollowAsync(Flow.Api.OperatorClient api, string jobId, CancellationToken ct)
    {
        var view = await TaskProgress.FollowAsync(api, jobId, ct);
        Console.WriteLine($"{jobId}: {Word(view.Job.State)}{(view.Job.Error is null ? "" : $": {view.Job.Error}")}");
        MetricWarnings.Print(await api.MetricsAsync(jobId, ct));
        return view.Job.State == TaskState.Success ? 0 : 1;
    }

    private static Argument<string> JobId(Command command)
    {
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        command.Arguments.Add(id);
        return id;
    }

    private static Command WithNode(Command command, Func<ParseResult, Flow.Api.OperatorClient, CancellationToken, Task<int>> action) =>
        NodeConnection.Bind(command, action);

    internal static string Word(TaskState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}
