using System.Globalization;
using System.IO.Compression;
using Concord.ML.Evaluation;

namespace Concord.ML.Tests.Evaluation;

/// <summary>
/// Binary metrics at scale with heavy ties: FATE's default_credit guest file (30,000 rows), scored by its feature x0,
/// which takes only 10 distinct values. References from sklearn 1.2.1 run by hand on the same file (roc_auc_score,
/// roc_curve with drop_intermediate=False, the threshold-0 confusion matrix), and lift/gain from an independent numpy
/// loop; weights 1 + (row mod 3) for the weighted case. Tolerance 1e-12: the sums here are exact in binary.
/// </summary>
public class DefaultCreditTiesTests
{
    private const double Tolerance = 1e-12;

    private static readonly (double[] Scores, double[] Labels) Data = Read("default_credit_hetero_guest.csv.gz");

    [Theory]
    [InlineData(false, 0.59019319829097772, 0.17993502004443862, new[] { 8679.0, 14685, 1956, 4680 }, 0.24167312161115415, 0.70524412296564198, 0.3599861543786777)]
    [InlineData(true, 0.59106692850028486, 0.18270796272857887, new[] { 17282.0, 29428, 3903, 9387 }, 0.24183949504057708, 0.70632054176072234, 0.36031091066116494)]
    public void Thirty_thousand_rows_on_ten_distinct_scores_match_sklearn(bool weighted, double auc, double ks, double[] confusion, double precision, double recall, double f1)
    {
        var weights = weighted ? Enumerable.Range(0, Data.Labels.Length).Select(i => 1.0 + (i % 3)).ToArray() : null;

        var e = BinaryMetrics.Evaluate(Data.Scores, Data.Labels, weights, threshold: 0.0);

        Assert.Equal(auc, e.Auc, Tolerance);
        Assert.Equal(ks, e.Ks, Tolerance);
        Assert.Equal(1.992316, e.Roc.Thresholds[e.KsIndex]);
        Assert.Equal(11, e.Roc.Count);
        Assert.Equal(new BinaryConfusion(confusion[0], confusion[1], confusion[2], confusion[3]), e.Confusion);
        Assert.Equal(precision, e.Confusion.Precision, Tolerance);
        Assert.Equal(recall, e.Confusion.Recall, Tolerance);
        Assert.Equal(f1, e.Confusion.F1, Tolerance);
    }

    [Fact]
    public void Deciles_never_split_a_tie()
    {
        var e = BinaryMetrics.Evaluate(Data.Scores, Data.Labels);

        double[] fraction = [0.10263333333333333, 0.64549999999999996, 0.64549999999999996, 0.64549999999999996, 0.64549999999999996, 0.64549999999999996, 0.83683333333333332, 0.83683333333333332, 1, 1];
        double[] gain = [0.24276672694394213, 0.70524412296564198, 0.70524412296564198, 0.70524412296564198, 0.70524412296564198, 0.70524412296564198, 0.85216998191681737, 0.85216998191681737, 1, 1];
        Assert.All(fraction.Zip(e.Gain.X), p => Assert.Equal(p.First, p.Second, Tolerance));
        Assert.All(gain.Zip(e.Gain.Y), p => Assert.Equal(p.First, p.Second, Tolerance));
        Assert.All(e.Lift.Y.Zip(gain, fraction), p => Assert.Equal(p.Second / p.Third, p.First, Tolerance));
    }

    private static (double[] Scores, double[] Labels) Read(string fileName)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", fileName));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        var rows = reader.ReadToEnd().Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return ([.. rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture))], [.. rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture))]);
    }
}
