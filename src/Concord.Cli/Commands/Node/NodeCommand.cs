using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Concord.Board;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Flow.Api;
using Concord.Flow.Dsl;
using Concord.Flow.Node;

namespace Concord.Cli.Commands.Node;

/// <summary><c>concord node start</c>: run one party's node until Ctrl+C or an operator's shutdown.</summary>
internal static class NodeCommand
{
    public static Command Build()
    {
        var node = new Command("node", "Run a party's node.");
        var start = new Command("start", "Start this party's node: federation server, control endpoints and task runner.");
        var party = new Option<int>("--party") { Description = "This node's party id, as listed in the config", Required = true };
        var config = new Option<string>("--config") { Description = "The federation's parties.yaml", Required = true };
        var home = new Option<string?>("--home") { Description = $"Root of the parties' data folders (default: ${PartyHome.EnvironmentVariable} or ./{PartyHome.DefaultRoot})" };
        var receiveTimeout = new Option<int>("--receive-timeout") { Description = "Seconds to wait for a peer's message before failing the task", DefaultValueFactory = _ => 600 };
        var attempts = new Option<int>("--send-attempts") { Description = "Delivery attempts, with exponential backoff, before a peer is declared unreachable", DefaultValueFactory = _ => 6 };
        start.Options.Add(party);
        start.Options.Add(config);
        start.Options.Add(home);
        var noAudit = new Option<bool>("--no-audit") { Description = "Keep no audit trail (only to measure what keeping one costs)" };
        start.Options.Add(noAudit);
        var noBoard = new Option<bool>("--no-board") { Description = "Serve no board (the web dashboard under /board on the node's address)" };
        start.Options.Add(noBoard);
        var postgres = new Option<string?>("--postgres") { Description = "Keep the job and model store in this PostgreSQL database (Npgsql connection string) instead of SQLite in the party's home" };
        start.Options.Add(receiveTimeout);
        start.Options.Add(postgres);
        start.Options.Add(attempts);
        var limits = new JobLimits();
        var maxComponents = new Option<int>("--max-job-components") { Description = "Components a job may have; a bigger job is refused", DefaultValueFactory = _ => limits.MaxComponents };
        var maxParties = new Option<int>("--max-job-parties") { Description = "Parties a job may name; a bigger job is refused", DefaultValueFactory = _ => limits.MaxParties };
        var maxFile = new Option<int>("--max-job-file-kb") { Description = "Size of a job file, in KiB; a bigger one is refused unread", DefaultValueFactory = _ => limits.MaxFileKilobytes };
        var maxRunning = new Option<int>("--max-running-tasks") { Description = "Tasks the node runs at once over all its jobs; more wait in line", DefaultValueFactory = _ => NodeSettings.DefaultMaxRunningTasks };
        start.Options.Add(maxComponents);
        start.Options.Add(maxParties);
        start.Options.Add(maxFile);
        start.Options.Add(maxRunning);
        var defaults = new FederationOptions();
        var maxMessage = MiB(start, "--max-message-mb", "Largest federation message this node accepts; larger ones are refused (HTTP 413)", defaults.MaxMessageBytes);
        var jobMemory = MiB(start, "--job-memory-mb", "Memory one job's waiting messages may hold; beyond it they wait on disk", defaults.JobMemoryQuota);
        var nodeMemory = MiB(start, "--node-memory-mb", "Memory all jobs' waiting messages may hold together", defaults.NodeMemoryQuota);
        var jobSpool = MiB(start, "--job-spool-mb", "Disk one job's waiting messages may hold; beyond it they are refused (HTTP 429)", defaults.JobSpoolQuota);
        var nodeSpool = MiB(start, "--node-spool-mb", "Disk all jobs' waiting messages may hold together", defaults.NodeSpoolQuota);
        UserFacing.SetAction(start, async (parse, ct) =>
        {
            var federation = FederationConfig.Load(parse.GetValue(config)!);
            var id = parse.GetValue(party);
            var entry = federation.Party(id);
            var partyHome = entry.Home ?? PartyHome.Of(id.ToString(CultureInfo.InvariantCulture), PartyHome.Root(parse.GetValue(home)));
            Directory.CreateDirectory(partyHome);
            var settings = new NodeSettings(federation, id, partyHome)
            {
                PostgresConnectionString = parse.GetValue(postgres),
                Audit = !parse.GetValue(noAudit),
                JobLimits = new JobLimits
                {
                    MaxComponents = Positive(parse.GetValue(maxComponents), "--max-job-components"),
                    MaxParties = Positive(parse.GetValue(maxParties), "--max-job-parties"),
                    MaxFileKilobytes = Positive(parse.GetValue(maxFile), "--max-job-file-kb"),
                },
                MaxRunningTasks = Positive(parse.GetValue(maxRunning), "--max-running-tasks"),
                Extensions = parse.GetValue(noBoard) ? [] : [new BoardExtension()],
                Federation = new FederationOptions
                {
                    ReceiveTimeout = TimeSpan.FromSeconds(Positive(parse.GetValue(receiveTimeout), "--receive-timeout")),
                    MaxAttempts = Positive(parse.GetValue(attempts), "--send-attempts"),
                    MaxMessageBytes = Bytes(parse, maxMessage),
                    JobMemoryQuota = Bytes(parse, jobMemory),
                    NodeMemoryQuota = Bytes(parse, nodeMemory),
                    JobSpoolQuota = Bytes(parse, jobSpool),
                    NodeSpoolQuota = Bytes(parse, nodeSpool),
                },
            };
            await using var running = await PartyNode.StartAsync(settings, Components.Catalog(), line => Console.WriteLine(line), ct: ct);
            Console.WriteLine($"party {id} ({entry.Role.ToWire()}) listening on {running.Address} with data in {partyHome}");
            if (!parse.GetValue(noBoard))
            {
                Console.WriteLine($"party {id}: board at {new Uri(running.Address, BoardPaths.Root)} (sign in with {OperatorToken.PathIn(partyHome)})");
            }
            try
            {
                await running.ShutdownRequested.WaitAsync(ct);
                Console.WriteLine($"party {id}: shutdown requested by the operator");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.WriteLine($"party {id}: interrupted, stopping");
            }
            return 0;
        });
        node.Subcommands.Add(start);
        return node;
    }

    private static Option<long> MiB(Command command, string name, string description, long defaultBytes)
    {
        var option = new Option<long>(name) { Description = description, DefaultValueFactory = _ => defaultBytes / (1024 * 1024) };
        command.Options.Add(option);
        return option;
    }

    private static long Bytes(ParseResult parse, Option<long> megabytes) =>
        checked(Positive(parse.GetValue(megabytes), megabytes.Name) * 1024 * 1024);

    private static T Positive<T>(T value, string option)
        where T : INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{option} must be positive, not {value}");
}
