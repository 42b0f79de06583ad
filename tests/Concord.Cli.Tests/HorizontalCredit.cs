using Concord.Data;

namespace Concord.Cli.Tests;

/// <summary>FATE's default_credit horizontal split: three banks with the same 23 features for different customers.</summary>
internal static class HorizontalCredit
{
    public const int Guest = 9999;
    public static readonly int[] Hosts = [10000, 10001];
    public static readonly TableName Table = new("demo", "default_credit");

    public static IEnumerable<int> Parties => new[] { Guest }.Concat(Hosts);

    public static string DataFile(int party) => Path.Combine(AppContext.BaseDirectory, "examples", "data", party switch
    {
        Guest => "default_credit_homo_guest.csv.gz",
        10000 => "default_credit_homo_host_1.csv.gz",
        _ => "default_credit_homo_host_2.csv.gz",
    });
}
