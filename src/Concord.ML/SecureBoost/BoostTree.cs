using System.Text.Json.Serialization;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A split as the guest's model records it. <see cref="Party"/> 0 is the guest, 1 … H the hosts in roster order. The
/// guest's own splits carry the feature, bin and threshold; a host's carry only the opaque id under which that host
/// keeps the feature and threshold in its lookup table. (The LocalBaseline, holding every party's data, fills in the
/// feature, bin and threshold for every party and leaves the id at −1.)
/// </summary>
public sealed record SplitRule(int Party, int Feature, int Bin, double Threshold, bool DefaultLeft, long SplitId = -1)
{
    [JsonIgnore]
    public bool IsOpaque => SplitId >= 0;

    /// <summary>Where a raw value goes: left when at most the threshold, a missing value to the default side.</summary>
    public bool GoesLeft(double value) => double.IsNaN(value) ? DefaultLeft : value <= Threshold;
}

/// <summary>A node of a tree: a split with two children, or a leaf with its weight (already scaled by the learning rate).</summary>
public sealed class TreeNode
{
    public int Left { get; set; } = -1;

    public int Right { get; set; } = -1;

    public SplitRule? Split { get; set; }

    public double Weight { get; set; }

    /// <summary>The split's gain, for feature importance (0 at a leaf).</summary>
    public double Gain { get; set; }

    [JsonIgnore]
    public bool IsLeaf => Split is null;
}

/// <summary>One tree of the ensemble, fitting output <see cref="Output"/> (the class under softmax, else 0); node 0 is the root.</summary>
public sealed class BoostTree
{
    public int Output { get; init; }

    public List<TreeNode> Nodes { get; init; } = [];
}
