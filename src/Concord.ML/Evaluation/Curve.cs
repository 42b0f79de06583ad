namespace Concord.ML.Evaluation;

/// <summary>
/// A curve as points (X[i], Y[i]); <see cref="Thresholds"/>[i] is the score cut that gives point i, or
/// +∞ for a point no score reaches (the ROC's origin).
/// </summary>
public sealed record Curve(double[] X, double[] Y, double[] Thresholds)
{
    public int Count => X.Length;

    /// <summary>
    /// At most <paramref name="maxPoints"/> of the points, evenly spread by index, always with the first, the
    /// last and <paramref name="keep"/> (e.g. the KS point): a curve is computed exactly and thinned only for storage.
    /// </summary>
    public Curve Thin(int maxPoints, int? keep = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (Count <= maxPoints)
        {
            return this;
        }
        var picked = new SortedSet<int>();
        for (var i = 0; i < maxPoints; i++)
        {
            picked.Add((int)Math.Round(i * (Count - 1.0) / (maxPoints - 1)));
        }
        if (keep is int k && picked.Add(k))
        {
            // Trade the nearest ordinary point for the one that must stay, so the bound still holds.
            picked.Remove(picked.Where(i => i != 0 && i != Count - 1 && i != k).MinBy(i => Math.Abs(i - k)));
        }
        return new Curve([.. picked.Select(i => X[i])], [.. picked.Select(i => Y[i])], [.. picked.Select(i => Thresholds[i])]);
    }
}
