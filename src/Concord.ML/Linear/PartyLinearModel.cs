using System.Text.Json;

namespace Concord.ML.Linear;

/// <summary>
/// One party's share of a trained linear model: its features' names and scaling, and for each binary model
/// (one per class under one-vs-rest) its weights, the intercept last when this party holds it (the guest).
/// </summary>
/// <param name="InputNames">Every feature column the party trained on, constant ones included; null in models saved before it was kept.</param>
/// <param name="Hosts">At the guest, the host party ids the model was trained with; null at a host and in older models.</param>
public sealed record PartyLinearModel(
    LinearTask Task,
    string[] FeatureNames,
    double[] Means,
    double[] Scales,
    double[][] Weights,
    bool HasIntercept,
    double[] Classes,
    string[]? InputNames = null,
    int[]? Hosts = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PartyLinearModel FromBytes(byte[] bytes, string what = "warm-start model") =>
        JsonSerializer.Deserialize<PartyLinearModel>(bytes, Json) ?? throw new ArgumentException($"{what} is empty");

    /// <summary>
    /// New rows of this party's columns, prepared as in training, after checking they are the columns the model was
    /// trained on: a missing one or (when the model knows its inputs) an extra one is refused, naming it and <paramref name="who"/>.
    /// </summary>
    public PreparedFeatures Prepare(NumericColumns data, string who)
    {
        // An older model knows only the columns it kept, so an extra column cannot be told from a dropped constant one.
        var columns = ModelColumns.Require(data, InputNames ?? FeatureNames, who, allowExtra: InputNames is null);
        return PreparedFeatures.Apply(columns, FeatureNames, Means, Scales);
    }

    /// <summary>Starting weights for a run: the warm-start model's when it fits this party's features, else as init_param says.</summary>
    public static double[][] InitialWeights(PartyLinearModel? warm, LinearOptions options, string[] names, int models, bool intercept)
    {
        var task = options.Task;
        var width = names.Length + (intercept ? 1 : 0);
        if (warm is null)
        {
            return [.. Enumerable.Range(0, models).Select(k => InitialWeights(options, names, k, width))];
        }
        if (warm.Task != task || !warm.FeatureNames.SequenceEqual(names) || warm.Weights.Length != models || warm.HasIntercept != intercept)
        {
            throw new ArgumentException($"the warm-start model ({warm.Task}, {warm.FeatureNames.Length} features, {warm.Weights.Length} models) does not fit this run ({task}, {names.Length} features, {models} models)");
        }
        return [.. warm.Weights.Select(w => (double[])w.Clone())];
    }

    private static double[] InitialWeights(LinearOptions options, string[] names, int model, int width)
    {
        // Each party seeds from the job's seed and its own feature names, so parties draw differently but reproducibly.
        var salt = names.Aggregate(model, (h, n) => unchecked((h * 31) + Fnv(n)));
        var random = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32) ^ salt));
        return [.. Enumerable.Range(0, width).Select(_ => options.Init switch
        {
            InitMethod.Ones => 1.0,
            InitMethod.Const => options.InitConst,
            InitMethod.RandomUniform => random.NextDouble(),
            InitMethod.RandomNormal => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()),
            _ => 0.0,
        })];
    }

    private static int Fnv(string text) => text.Aggregate(unchecked((int)2166136261), (h, c) => unchecked((h ^ c) * 16777619));
}
