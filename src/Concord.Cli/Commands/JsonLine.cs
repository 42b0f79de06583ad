using System.Text.Json;

namespace Concord.Cli.Commands;

/// <summary>The machine-readable result of a command: one JSON object, alone on the last line of stdout.</summary>
internal static class JsonLine
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static void Write(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
}
