using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.ML.Runtime;

/// <summary>A piece of role state kept as a value the role reads and replaces, saved as JSON (doubles round-trip exactly).</summary>
public sealed class ResumableValue<T>(Func<T> save, Action<T> restore) : IResumable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(save(), Json);

    public void Restore(byte[] saved) => restore(JsonSerializer.Deserialize<T>(saved, Json)!);
}
