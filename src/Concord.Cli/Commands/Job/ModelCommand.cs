using System.CommandLine;
using Concord.Flow.Store;
using Concord.ML.Onnx;
using Spectre.Console;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// <c>concord model list|export|import</c>: a party's model registry, through its node or offline in its home.
/// Exports are signed archives (docs/model-format.md), or for a horizontal model a standalone ONNX file; an import is
/// verified against the federation CA.
/// </summary>
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
        var command = new Command("list", "List every model version a party holds.");
        var json = JsonFlag.AddTo(command, "{\"models\": [...]}");
        return RegistryAccess.Bind(command, async (parse, registry, ct) =>
        {
            var models = await registry.ListAsync(ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new { models });
                return 0;
            }
            var table = new Table().AddColumns("model", "version", "component", "party", "role", "job", "bytes", "created");
            foreach (var m in models)
            {
                table.AddRow(m.ModelId, $"{m.Version}", m.ComponentType, $"{m.Party}", m.Role, m.JobId, $"{m.Size}", $"{m.CreatedAt:yyyy-MM-dd HH:mm:ss}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static Command Export()
    {
        var command = new Command("export", "Write one model version to a signed archive another deployment of the same party can import, or a horizontal model to a standalone ONNX file.");
        var id = new Argument<string>("model-id");
        var version = new Option<int?>("--version") { Description = "The version (default: the latest)" };
        var output = new Option<string>("--out")
        {
            Description = $"The file to write (conventionally *{ModelArchive.FileExtension}, or *{HorizontalOnnx.FileExtension} with --format onnx)",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "archive: the signed export (the default); onnx: a homo_lr or homo_nn model as an ONNX model a client runs alone, without Concord",
            DefaultValueFactory = _ => "archive",
        };
        format.AcceptOnlyFromAmong("archive", "onnx");
        command.Arguments.Add(id);
        command.Options.Add(version);
        command.Options.Add(output);
        command.Options.Add(format);
        return RegistryAccess.Bind(command, async (parse, registry, ct) =>
        {
            var modelId = parse.GetValue(id)!;
            var archive = await registry.ExportAsync(modelId, parse.GetValue(version), ct);
            var content = parse.GetValue(format) == "onnx" ? OnnxExport.FromArchive(archive, modelId) : archive;
            var path = parse.GetValue(output)!;
            await WriteWholeAsync(path, content, ct);
            Console.WriteLine($"wrote {path} ({content.Length} bytes{(content == archive ? "" : ", ONNX")}) from {registry.Description}");
            return 0;
        });
    }

    private static Command Import()
    {
        var command = new Command("import", "Verify an exported model and store it in the party's registry.");
        var file = new Argument<string>("file");
        command.Arguments.Add(file);
        return RegistryAccess.Bind(command, async (parse, registry, ct) =>
        {
            var model = await registry.ImportAsync(parse.GetValue(file)!, ct);
            Console.WriteLine($"imported {model} into {registry.Description}");
            return 0;
        }, createHome: true);
    }

    /// <summary>Writes the file whole or not at all: a failure mid-write leaves no half archive under the name.</summary>
    private static async Task WriteWholeAsync(string path, byte[] content, CancellationToken ct)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
