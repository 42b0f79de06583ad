using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The guest's part of a SecureBoost model: the trees with the guest's own splits in full and each host's splits as
/// (host, opaque id), the base scores, and what the scores mean. Useless without the hosts' lookup tables, which
/// hold the hosts' features and thresholds and never leave them.
/// </summary>
public sealed record SecureBoostModel(
    BoostObjective Objective,
    int NumClasses,
    double LearningRate,
    double[] BaseScores,
    string[] GuestFeatures,
    int[] HostParties,
    List<BoostTree> Trees)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public int Outputs => Objective == BoostObjective.Softmax ? NumClasses : 1;

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SecureBoostModel FromBytes(byte[] bytes) =>
        Read<SecureBoostModel>(bytes, "SecureBoost guest model") is { Trees: not null, BaseScores: not null } model
            ? model
            : throw new InvalidDataException("the SecureBoost guest model lacks its trees or base scores");

    internal static T Read<T>(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new InvalidDataException($"the {what} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the {what} is not valid: {ex.Message}", ex);
        }
    }
}

/// <summary>A host's split: its own feature (by name and index), the bin and threshold, and where missing values go.</summary>
public sealed record HostSplit(long Id, string Feature, int FeatureIndex, int Bin, double Threshold, bool DefaultLeft)
{
    /// <summary>Where a raw value goes, as <see cref="SplitRule.GoesLeft"/> decides for the guest's splits.</summary>
    public bool GoesLeft(double value) => double.IsNaN(value) ? DefaultLeft : value <= Threshold;
}

/// <summary>A host's part of a SecureBoost model: its splits under the opaque ids the guest's trees refer to.</summary>
public sealed record HostLookupTable(int Party, string[] Features, List<HostSplit> Splits)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, SecureBoostModel.Json);

    public static HostLookupTable FromBytes(byte[] bytes) =>
        SecureBoostModel.Read<HostLookupTable>(bytes, "SecureBoost host lookup table") is { Splits: not null, Features: not null } table
            ? table
            : throw new InvalidDataException("the SecureBoost host lookup table lacks its splits or features");
}

/// <summary>How often a feature splits in the final trees, and the gain those splits bring.</summary>
public sealed record FeatureImportance(string Feature, int Splits, double Gain);
