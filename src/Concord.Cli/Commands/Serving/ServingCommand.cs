using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Cli.Commands.Job;
using Concord.Flow.Serving;
using Spectre.Console;

namespace Concord.Cli.Commands.Serving;

/// <summary>
/// <c>concord serving deploy|list|undeploy|predict</c>: online serving at the guest's node. Deploying asks every host
/// to load its share and index the table named for it; predict sends one customer (or a file of them) to
/// POST /api/v1/serving/{name}/predict and prints the answer.
/// </summary>
internal static class ServingCommand
{
    public static Command Build()
    {
        var serving = new Command("serving", "Serve trained models online at the guest's node.");
        serving.Subcommands.Add(Deploy());
        serving.Subcommands.Add(List());
        serving.Subcommands.Add(Undeploy());
        serving.Subcommands.Add(Predict());
        return serving;
    }

    private static Command Deploy()
    {
        var command = new Command("deploy", "Serve a model from the guest's registry; a name already served gets a new version, without dropping a request.");
        var name = new Argument<string>("name") { Description = "The deployment's name, in the predict URL" };
        var model = new Option<string>("--model") { Description = "The guest's model id (concord model list)", Required = true };
        var version = new Option<int?>("--version") { Description = "The guest's model version (default: the latest)" };
        var tables = new Option<string[]>("--host-table") { Description = "PARTY=namespace/name: the table each host looks ids up in (once per host)", Required = true, AllowMultipleArgumentsPerToken = true };
        var deadline = new Option<int?>("--deadline-ms") { Description = "How long a request waits for the hosts before it fails naming the late one (default 2000)" };
        var json = new Option<bool>("--json") { Description = "Print the deployment as one JSON object" };
        command.Arguments.Add(name);
        foreach (var option in new Option[] { model, version, tables, deadline, json })
        {
            command.Options.Add(option);
        }
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var request = new ServingDeploy(parse.GetValue(name)!, parse.GetValue(model)!, parse.GetValue(version), HostTables(parse.GetValue(tables)!), parse.GetValue(deadline));
            var view = await api.DeployServingAsync(request, ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(view);
                return 0;
            }
            Console.WriteLine($"serving {view.Name} version {view.Version}: {view.ModelId} version {view.ModelVersion} ({view.ComponentType}); "
                + string.Join("; ", view.Hosts.Select(h => $"party {h.Key} indexed {h.Value.Rows} rows of {h.Value.Table}")));
            Console.WriteLine($"POST {Flow.Api.OperatorClient.PredictPath(view.Name)} with {{\"id\": ..., \"features\": {{{string.Join(", ", view.Features.Select(f => $"\"{f}\": ..."))}}}}}");
            return 0;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List the deployments the guest's node serves.");
        var json = new Option<bool>("--json") { Description = "Print one JSON object, {\"deployments\": [...]}" };
        command.Options.Add(json);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var deployments = await api.ListServingAsync(ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new { deployments });
                return 0;
            }
            var table = new Table().AddColumns("name", "version", "model", "component", "hosts", "deadline ms", "deployed");
            foreach (var d in deployments)
            {
                table.AddRow(d.Name, $"{d.Version}", $"{d.ModelId} v{d.ModelVersion}", d.ComponentType,
                    Markup.Escape(string.Join(", ", d.Hosts.Select(h => $"{h.Key}: {h.Value.Table} ({h.Value.Rows} rows)"))), $"{d.DeadlineMs}", $"{d.DeployedAt:yyyy-MM-dd HH:mm:ss}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static Command Undeploy()
    {
        var command = new Command("undeploy", "Stop serving a deployment, at the guest and at every host.");
        var name = new Argument<string>("name");
        command.Arguments.Add(name);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            await api.UndeployServingAsync(parse.GetValue(name)!, ct);
            Console.WriteLine($"no longer serving {parse.GetValue(name)}");
            return 0;
        });
    }

    private static Command Predict()
    {
        var command = new Command("predict", "Score customers through a deployment and print the answer as JSON.");
        var name = new Argument<string>("name");
        var id = new Option<string?>("--id") { Description = "The customer's id, which every host looks up" };
        var features = new Option<string?>("--features") { Description = "The guest's features as a JSON object, e.g. '{\"x0\": 0.3}'" };
        var file = new Option<string?>("--file") { Description = "A JSON file holding a request body instead: {\"id\", \"features\"} or {\"rows\": [...]}" };
        command.Arguments.Add(name);
        command.Options.Add(id);
        command.Options.Add(features);
        command.Options.Add(file);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var body = parse.GetValue(file) is string path
                ? JsonNode.Parse(await File.ReadAllTextAsync(path, ct)) as JsonObject ?? throw new ArgumentException($"{path} does not hold a JSON object")
                : new JsonObject
                {
                    ["id"] = parse.GetValue(id) ?? throw new ArgumentException("give --id and --features, or --file"),
                    ["features"] = JsonNode.Parse(parse.GetValue(features) ?? throw new ArgumentException("give --features with --id")),
                };
            JsonLine.Write(await api.PredictAsync(parse.GetValue(name)!, body, ct));
            return 0;
        });
    }

    /// <summary>PARTY=namespace/name pairs, each checked, one per host.</summary>
    private static Dictionary<int, TableRef> HostTables(IEnumerable<string> pairs)
    {
        var tables = new Dictionary<int, TableRef>();
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2);
            var table = parts.Length == 2 ? parts[1].Split('/', 2) : [];
            if (table.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var party))
            {
                throw new ArgumentException($"--host-table \"{pair}\" is not PARTY=namespace/name");
            }
            if (!tables.TryAdd(party, new TableRef(table[0], table[1])))
            {
                throw new ArgumentException($"--host-table names party {party} twice");
            }
        }
        return tables;
    }
}
