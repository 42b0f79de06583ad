using Concord.Flow.Store;

namespace Concord.Flow.Serving;

/// <summary>Which trained components serving takes, by the component type a registry record names.</summary>
internal static class ServedModels
{
    private static readonly string[] Linear = ["hetero_lr", "hetero_linr", "hetero_poisson"];
    private const string Boost = "hetero_secureboost";

    public static bool IsLinear(string componentType) => Linear.Contains(componentType);

    /// <summary>Refuses a model serving cannot score, naming it and what serving takes.</summary>
    public static void Require(ModelInfo model, int party)
    {
        if (!IsLinear(model.ComponentType) && model.ComponentType != Boost)
        {
            throw new ArgumentException($"party {party}: {model} is a {model.ComponentType} model; serving takes {string.Join(", ", Linear)} and {Boost}");
        }
    }
}
