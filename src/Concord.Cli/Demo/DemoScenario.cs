using Concord.Data;

namespace Concord.Cli.Demo;

/// <summary>
/// The demo's federation: FATE's default_credit horizontal split, one share per party. Every party has the
/// same 23 features for different customers (24,000 training rows in all; the 6,000 test rows stay out).
/// </summary>
internal static class DemoScenario
{
    public const int Guest = 9999;
    public static readonly int[] Hosts = [10000, 10001];
    public static readonly TableName Table = new("demo", "default_credit");

    public static IReadOnlyDictionary<int, string> DataFiles { get; } = new Dictionary<int, string>
    {
        [9999] = "default_credit_homo_guest.csv.gz",
        [10000] = "default_credit_homo_host_1.csv.gz",
        [10001] = "default_credit_homo_host_2.csv.gz",
    };

    public static IEnumerable<int> Parties => new[] { Guest }.Concat(Hosts);

    /// <summary>The job the demo submits: reader, then federated statistics (examples/jobs, shipped beside the executable).</summary>
    public const string JobFile = "statistics-default-credit.yaml";

    public const string StatisticsComponent = "statistics_0";

    public static string JobPath => Path.Combine(AppContext.BaseDirectory, "examples", "jobs", JobFile);

    /// <summary>The bundled copy, shipped beside the executable by the build.</summary>
    public static string DataFile(int party) => Path.Combine(AppContext.BaseDirectory, "examples", "data", DataFiles[party]);
}
