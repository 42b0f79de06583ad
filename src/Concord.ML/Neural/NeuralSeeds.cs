namespace Concord.ML.Neural;

/// <summary>
/// Independent random streams from one root seed (initialisation, batch order, dropout, DP noise), so that the same
/// seed repeats a run bit for bit and no stream's draws shift another's. SplitMix64 mixes root, purpose and index.
/// </summary>
public static class NeuralSeeds
{
    public const int Initialization = 1;
    public const int BatchOrder = 2;
    public const int Dropout = 3;
    public const int Noise = 4;

    public static int Derive(long root, int purpose, long index)
    {
        var z = Mix(Mix(unchecked((ulong)root) + (ulong)purpose) + unchecked((ulong)index));
        return unchecked((int)(z ^ (z >> 32)));
    }

    private static ulong Mix(ulong x)
    {
        var z = unchecked(x + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
