using System.Globalization;
using Concord.Data;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>
/// Which rows a sample keeps, and how often: the rows of the output in order, as indices into the input. A row drawn
/// more than once appears more than once. Rows are drawn per label class when the options name fractions per label,
/// from one seeded generator, so the same table, options and seed always give the same plan.
/// </summary>
public static class SamplePlan
{
    public const string SmoteInVertical = "smote makes rows from features, which a vertical job's parties hold apart; it runs with hetero_sync false, each party on its own rows";

    /// <summary>What is wrong with the options alone, naming the parameter, or null.</summary>
    public static (string Parameter, string Message)? Problem(SampleOptions options)
    {
        if (options.N is not null && (options.Frac is not null || options.LabelFrac is not null))
        {
            return ("n", "n cannot be used with frac or label_frac");
        }
        if (options.Frac is not null && options.LabelFrac is not null)
        {
            return ("label_frac", "label_frac cannot be used with frac");
        }
        foreach (var entry in options.LabelFrac ?? [])
        {
            if (ParseEntry(entry) is not var (_, fraction))
            {
                return ("label_frac", $"\"{entry}\" is not label:fraction with a positive fraction");
            }
            if (fraction > 1 && !options.Replace && options.Method == SampleMethod.Random)
            {
                return ("replace", $"label_frac \"{entry}\" up-samples, which needs replace true (or method smote)");
            }
        }
        return options.Frac > 1 && !options.Replace ? ("replace", $"frac {options.Frac} up-samples, which needs replace true") : null;
    }

    /// <summary>The fraction each label class is sampled at; null for one fraction (or n) over all rows.</summary>
    public static Dictionary<double, double>? LabelFractions(SampleOptions options) =>
        options.LabelFrac?.Select(e => ParseEntry(e) ?? throw new ArgumentException($"label_frac: \"{e}\" is not label:fraction with a positive fraction"))
            .ToDictionary(p => p.Label, p => p.Fraction);

    /// <param name="keepUpSampled">For smote: a class sampled above 1 keeps its rows once each; smote makes the rest.</param>
    public static int[] Of(PartyTable table, SampleOptions options, long seed, bool keepUpSampled = false)
    {
        if (Problem(options) is var (_, message))
        {
            throw new ArgumentException(message);
        }
        var random = Seeded(seed);
        if (options.N is long n)
        {
            return Draw(Enumerable.Range(0, table.RowCount).ToArray(), checked((int)n), options.Replace, random);
        }
        if (LabelFractions(options) is not { } fractions)
        {
            return Draw(Enumerable.Range(0, table.RowCount).ToArray(), Count(options.Frac ?? 1, table.RowCount), options.Replace, random);
        }
        var labels = table.Labels ?? throw new ArgumentException("label_frac needs the label, and this party's table has none");
        var unknown = fractions.Keys.FirstOrDefault(l => !labels.Contains(l), double.NaN);
        if (!double.IsNaN(unknown))
        {
            throw new ArgumentException($"label_frac names label {unknown.ToString(CultureInfo.InvariantCulture)}, which no row has");
        }
        var rows = new List<int>();
        foreach (var group in Enumerable.Range(0, table.RowCount).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rows.AddRange(fractions.TryGetValue(group.Key, out var f) && !(keepUpSampled && f > 1) ? Draw(members, Count(f, members.Length), options.Replace, random) : members);
        }
        return [.. rows];
    }

    /// <summary>A generator from a 64-bit seed (System.Random takes 32 bits); its sequence is fixed by .NET for a given seed.</summary>
    public static Random Seeded(long seed) => new(unchecked((int)(seed ^ (seed >> 32))));

    public static int Count(double fraction, int rows) => (int)Math.Round(fraction * rows, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="count"/> of the rows: without replacement a seeded shuffle's first ones, in input order; with, independent draws.</summary>
    private static int[] Draw(int[] rows, int count, bool replace, Random random)
    {
        if (replace)
        {
            return [.. Enumerable.Range(0, count).Select(_ => rows[random.Next(rows.Length)]).Order()];
        }
        if (count > rows.Length)
        {
            throw new ArgumentException($"n {count} is more than the {rows.Length} rows; set replace true to up-sample");
        }
        var shuffled = (int[])rows.Clone();
        random.Shuffle(shuffled);
        return [.. shuffled.Take(count).Order()];
    }

    private static (double Label, double Fraction)? ParseEntry(string entry)
    {
        var colon = entry.LastIndexOf(':');
        return colon > 0
            && double.TryParse(entry[..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out var label)
            && double.TryParse(entry[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
            && fraction > 0 && double.IsFinite(fraction)
            ? (label, fraction)
            : null;
    }
}
