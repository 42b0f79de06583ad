namespace Concord.ML.SecureBoost;

/// <summary>
/// The random draws SecureBoost makes from the job's seed: rows per round (at the guest) and features per tree (at
/// each party, of its own features). Seeded, so that the LocalBaseline draws exactly what the federated run drew.
/// They choose which data is used, never a secret.
/// </summary>
internal static class Sampling
{
    /// <summary>The rows of a round, ascending: all of them, or each with probability <paramref name="fraction"/> (at least one).</summary>
    public static int[] Rows(long seed, int round, int count, double fraction)
    {
        if (fraction >= 1)
        {
            return [.. Enumerable.Range(0, count)];
        }
        var random = new Random(Mix(seed, 0x5B0057, round, 0));
        var rows = Enumerable.Range(0, count).Where(_ => random.NextDouble() < fraction).ToArray();
        return rows.Length > 0 ? rows : [random.Next(count)];
    }

    /// <summary>A party's features for one tree, ascending: max(1, round(fraction · count)) of them without replacement.</summary>
    public static int[] Features(long seed, int party, int tree, int count, double fraction)
    {
        if (fraction >= 1 || count <= 1)
        {
            return [.. Enumerable.Range(0, count)];
        }
        var take = Math.Clamp((int)Math.Round(fraction * count), 1, count);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(Mix(seed, 0xC0150, tree, party)).Shuffle(order);
        return [.. order.Take(take).Order()];
    }

    /// <summary>SplitMix64 over the inputs, folded to a Random seed.</summary>
    private static int Mix(long seed, long stream, long a, long b)
    {
        var x = (ulong)seed;
        foreach (var v in new[] { stream, a, b })
        {
            x += 0x9E3779B97F4A7C15UL + (ulong)v;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            x ^= x >> 31;
        }
        return (int)(x ^ (x >> 32));
    }
}
