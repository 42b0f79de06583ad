namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>
/// How many rows each set gets. Sizes are fractions when every size given is at most 1, else counts, which must
/// be whole. The first unset size (in train, validate, test order) takes the remainder, later unset ones are
/// empty; with none set the split is FATE's 0.8 / 0.2 / 0. Fractions must then add up to 1; counts may leave
/// rows out, but not ask for more rows than there are.
/// </summary>
public sealed record SplitSizes(double Train, double Validate, double Test, bool AreCounts)
{
    private const double Tolerance = 1e-9;

    /// <summary>What is wrong with the sizes as a job file gives them, naming the parameter, or null when nothing the rows could change.</summary>
    public static (string Parameter, string Message)? Problem(DataSplitOptions options)
    {
        var given = Given(options).Where(s => s.Value is not null).ToList();
        if (given.Any(s => s.Value > 1))
        {
            var broken = given.FirstOrDefault(s => s.Value != Math.Floor(s.Value!.Value));
            return broken.Name is null ? null : (broken.Name, $"{broken.Name} is {broken.Value}: with a size above 1 every size is a count of rows, so it must be a whole number");
        }
        var sum = given.Sum(s => s.Value!.Value);
        var last = given.Count > 0 ? given[^1].Name : "train_size";
        if (sum > 1 + Tolerance)
        {
            return (last, $"the fractions {string.Join(" + ", given.Select(s => $"{s.Name} {s.Value}"))} add up to {sum}, more than 1");
        }
        return given.Count == 3 && sum < 1 - Tolerance
            ? (last, $"the fractions {string.Join(" + ", given.Select(s => $"{s.Name} {s.Value}"))} add up to {sum}, not 1")
            : null;
    }

    public static SplitSizes Of(DataSplitOptions options)
    {
        if (Problem(options) is var (_, message))
        {
            throw new ArgumentException(message);
        }
        if (options is { TrainSize: null, ValidateSize: null, TestSize: null })
        {
            return new SplitSizes(0.8, 0.2, 0, AreCounts: false);
        }
        var counts = Given(options).Any(s => s.Value > 1);
        var sizes = Given(options).Select(s => s.Value).ToArray();
        var remainder = Array.IndexOf(sizes, null);
        if (remainder >= 0 && !counts)
        {
            sizes[remainder] = Math.Max(0, 1 - sizes.Sum(s => s ?? 0));
        }
        return new SplitSizes(sizes[0] ?? 0, sizes[1] ?? 0, sizes[2] ?? 0, counts) { RemainderSet = counts ? remainder : -1 };
    }

    /// <summary>Of counts, the set (0 train, 1 validate, 2 test) that takes the rows the others leave; -1 for none.</summary>
    public int RemainderSet { get; init; } = -1;

    /// <summary>The row counts of train, validate and test out of <paramref name="rows"/>.</summary>
    public (int Train, int Validate, int Test) For(int rows)
    {
        if (!AreCounts)
        {
            var validate = (int)Math.Round(Validate * rows, MidpointRounding.AwayFromZero);
            var test = Math.Min(rows - validate, (int)Math.Round(Test * rows, MidpointRounding.AwayFromZero));
            // Where the fractions cover every row train absorbs the rounding; counts turned fractions may leave rows out.
            var train = Math.Abs(Train + Validate + Test - 1) < Tolerance ? rows - validate - test : Math.Min(rows - validate - test, (int)Math.Round(Train * rows, MidpointRounding.AwayFromZero));
            return (train, validate, test);
        }
        var counts = new[] { (long)Train, (long)Validate, (long)Test };
        if (counts.Sum() > rows)
        {
            throw new ArgumentException($"the sizes ask for {counts.Sum()} rows ({counts[0]} train, {counts[1]} validate, {counts[2]} test) but the table has {rows}");
        }
        if (RemainderSet >= 0)
        {
            counts[RemainderSet] = rows - counts.Sum();
        }
        return ((int)counts[0], (int)counts[1], (int)counts[2]);
    }

    /// <summary>These sizes as fractions of <paramref name="rows"/>, for splitting each class of a stratified split alike.</summary>
    public SplitSizes AsFractionsOf(int rows)
    {
        if (!AreCounts)
        {
            return this;
        }
        var (train, validate, test) = For(rows);
        return rows == 0 ? new SplitSizes(1, 0, 0, false) : new SplitSizes((double)train / rows, (double)validate / rows, (double)test / rows, false);
    }

    private static IEnumerable<(string Name, double? Value)> Given(DataSplitOptions options) =>
        [("train_size", options.TrainSize), ("validate_size", options.ValidateSize), ("test_size", options.TestSize)];
}
