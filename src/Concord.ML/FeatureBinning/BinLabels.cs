using System.Globalization;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// The events the guest's labels define: for a binary label one event (label 1); for multi_class one event per class
/// value, one-vs-rest, classes in ascending order. <see cref="Indicators"/>[k][r] is 1 when row r is an event of k.
/// </summary>
public sealed class BinLabels
{
    private BinLabels(string[] classes, byte[][] indicators, bool multiClass)
    {
        Classes = classes;
        Indicators = indicators;
        MultiClass = multiClass;
        Totals = [.. indicators.Select(row => (long)row.Count(b => b == 1))];
    }

    /// <summary>The label value of each event, as text ("1" for a binary label).</summary>
    public IReadOnlyList<string> Classes { get; }

    public byte[][] Indicators { get; }

    public bool MultiClass { get; }

    /// <summary>Events in all rows, per event.</summary>
    public long[] Totals { get; }

    public int RowCount => Indicators[0].Length;

    /// <summary>The events of <paramref name="labels"/>; refuses, naming the first offending row, labels that do not fit.</summary>
    public static BinLabels Of(double[] labels, bool multiClass, string who)
    {
        if (labels.Length == 0)
        {
            throw new ArgumentException($"{who} has no rows to bin");
        }
        for (var r = 0; r < labels.Length; r++)
        {
            if (!double.IsFinite(labels[r]) || (!multiClass && labels[r] is not (0 or 1)))
            {
                throw new ArgumentException(multiClass
                    ? $"{who}: label of row {r} is {Text(labels[r])}, not a class value"
                    : $"{who}: label of row {r} is {Text(labels[r])}, but binary WOE/IV needs labels 0 and 1; set multi_class: true for one-vs-rest IV per class");
            }
        }
        var classes = multiClass ? labels.Distinct().Order().ToArray() : [1.0];
        if (multiClass ? classes.Length < 2 : !labels.Contains(0) || !labels.Contains(1))
        {
            throw new ArgumentException($"{who}: the label has a single class, so no bin has a WOE or IV");
        }
        var indicators = classes.Select(c => labels.Select(y => y == c ? (byte)1 : (byte)0).ToArray()).ToArray();
        return new BinLabels([.. classes.Select(Text)], indicators, multiClass);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
