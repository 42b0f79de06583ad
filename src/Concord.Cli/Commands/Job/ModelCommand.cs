using System.CommandLine;
using System.Globalization;
using Concord.Data;
using Concord.Flow.Audit;
using Concord.Flow.Store;
using Spectre.Console;

namespace Concord.Cli.Commands.Job;

/// <summary><c>concord model list|export|import</c>: the model registry of a party.</summary>
internal static class ModelCommand
{
    public static Command Build()
    {
        var model = new Command("model", "List, export and import trained models.");
        model.Subcommands.Add(List());
        model.Subcommands.Add(Export());
        model.Subcommands.Add(Import());
        return model;
    }

    private static Command List()
    {
        var command = new Command("list", "List every model version the node holds.");
        return NodeConnection.Bind(command, async (_, api, ct) =>
        {
            var table = new Table().AddColumns("model", "version", "component", "party", "role", "job", "bytes", "created");
            foreach (var m in await api.ListModelsAsync(ct))
            {
                table.AddRow(m.ModelId, $"{m.Version}", m.ComponentType, $"{m.Party}", m.Role, m.JobId, $"{m.Size}", $"{m.CreatedAt:yyyy-MM-dd HH:mm:ss}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static Command Export()
    {
        var command = new Command("export", "Write one model version to a file another deployment can import.");
        var id = new Argument<string>("model-id");
        var version = new Option<int?>("--version") { Description = "The version (default: the latest)" };
        var output = new Option<string>("--out") { Description = "The file to write", Required = true };
        command.Arguments.Add(id);
        command.Options.Add(version);
        command.Options.Add(output);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var bytes = await api.ExportModelAsync(parse.GetValue(id)!, parse.GetValue(version), ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!, bytes, ct);
            Console.WriteLine($"wrote {parse.GetValue(output)} ({bytes.Length} bytes)");
            return 0;
        });
    }

    private static Command Import()
    {
        var command = new Command("import", "Read an exported model into a party's model registry.");
        var file = new Argument<string>("file");
        var party = new Option<int>("--party") { Description = "The party whose registry receives the model", Required = true };
        var home = new Option<string?>("--home") { Description = $"Root of the parties' data folders (default: ${PartyHome.EnvironmentVariable} or ./{PartyHome.DefaultRoot})" };
        var postgres = new Option<string?>("--postgres") { Description = "The party's PostgreSQL flow store, if it uses one" };
        command.Arguments.Add(file);
        command.Options.Add(party);
        command.Options.Add(home);
        command.Options.Add(postgres);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var partyHome = PartyHome.Of(parse.GetValue(party).ToString(CultureInfo.InvariantCulture), PartyHome.Root(parse.GetValue(home)));
            using var store = await FlowStore.OpenAsync(partyHome, parse.GetValue(postgres), ct);
            var model = await store.ImportModelAsync(parse.GetValue(file)!, ct);
            await store.AppendAuditAsync([new AuditEvent(AuditKinds.ModelImported, $"{model.ModelId} v{model.Version}")
            {
                JobId = model.JobId, Bytes = model.Size, Digest = model.Sha256, Actor = "operator (CLI)", Detail = Path.GetFullPath(parse.GetValue(file)!),
            }], ct);
            Console.WriteLine($"imported {model} into {store.Description}");
            return 0;
        });
        return command;
    }
}
