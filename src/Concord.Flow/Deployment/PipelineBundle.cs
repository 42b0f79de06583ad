using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Flow.Deployment;

/// <summary>
/// What one party keeps of a deployment, as one model in its own registry (model id = the deployment's name, one
/// version per deploy): the predict job's template, the training job, and the party's share of each fitted
/// component. Exporting and importing that one model moves everything the party needs to another machine.
/// </summary>
/// <param name="Shares">Per fitted component, this party's share; absent where the party keeps none (an arbiter's).</param>
public sealed record PipelineBundle(string Name, string TrainingJob, JsonObject Template, Dictionary<string, byte[]> Shares)
{
    /// <summary>The component type a bundle is registered under.</summary>
    public const string ComponentType = "pipeline";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PipelineBundle FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<PipelineBundle>(bytes, Json) ?? throw new InvalidDataException($"{what} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what} is not a deployed pipeline: {ex.Message}", ex);
        }
    }
}
