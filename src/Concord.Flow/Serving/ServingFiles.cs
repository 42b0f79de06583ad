using System.Text.Json;
using Concord.Data;
using Concord.Flow.Control;

namespace Concord.Flow.Serving;

/// <summary>
/// Where a node keeps its deployments so that they outlive it: one JSON file per name under the party home's
/// serving folder, written whole to a temporary file and renamed, so a crash leaves the old file or the new one.
/// </summary>
internal sealed class ServingFiles(string partyHome, string side)
{
    private string Folder => Path.Combine(partyHome, "serving", side);

    public void Save<T>(string name, T value)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(name);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, ControlJson.Options));
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    /// <summary>Every saved deployment; a file that cannot be read is reported through <paramref name="broken"/> and skipped.</summary>
    public IEnumerable<T> All<T>(Action<string> broken)
    {
        if (!Directory.Exists(Folder))
        {
            yield break;
        }
        foreach (var path in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), ControlJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                broken($"{path}: {ex.Message}");
                continue;
            }
            if (value is not null)
            {
                yield return value;
            }
        }
    }

    private string PathOf(string name) => Path.Combine(Folder, SafeName.Check(name, "deployment name") + ".json");
}
