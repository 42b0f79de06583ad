namespace Concord.ML.Neural.Definition;

/// <summary>The layer types a job file may list, by their word in the job DSL.</summary>
public enum LayerKind
{
    Dense,
    Relu,
    Sigmoid,
    Tanh,
    Dropout,
    Softmax,
}

public static class LayerKinds
{
    private static readonly Dictionary<string, LayerKind> ByWord = Enum.GetValues<LayerKind>().ToDictionary(ToWire, k => k, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Words => ByWord.Keys;

    public static string ToWire(this LayerKind kind) => kind.ToString().ToLowerInvariant();

    public static LayerKind? Parse(string word) => ByWord.TryGetValue(word, out var kind) ? kind : null;
}
