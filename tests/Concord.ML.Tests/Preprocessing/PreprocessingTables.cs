using Concord.Data;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>Small tables for the preprocessing tests, seeded so that every run sees the same rows.</summary>
internal static class PreprocessingTables
{
    /// <summary><paramref name="rows"/> rows with ids r0.., features x0 (uniform on [-5, 15)) and x1 (whole numbers 0..9), and a 0/1 label with about a quarter ones.</summary>
    public static PartyTable Guest(int rows, int seed = 1, bool label = true)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, rows).Select(i => $"r{i}").ToArray();
        double[] x0 = [.. ids.Select(_ => random.NextDouble() * 20 - 5)];
        double[] x1 = [.. ids.Select(_ => (double)random.Next(10))];
        double[] y = [.. ids.Select(_ => random.NextDouble() < 0.25 ? 1.0 : 0.0)];
        return PartyTable.Create("id", ids, ["x0", "x1"], [x0, x1], label ? "y" : null, label ? y : null);
    }

    /// <summary>The same ids as <see cref="Guest"/> in reverse order, with one feature and no label, as a vertical host holds them.</summary>
    public static PartyTable Host(int rows)
    {
        var ids = Enumerable.Range(0, rows).Reverse().Select(i => $"r{i}").ToArray();
        return PartyTable.Create("id", ids, ["h0"], [[.. ids.Select((_, i) => (double)i)]]);
    }
}
