using Concord.Data;

namespace Concord.Cli.Demo;

/// <summary>
/// The demo's federation: vertical credit scoring on FATE's default_credit. The bank (guest) holds the default
/// label and 13 features, a partner (host) 10 more features of the same 30,000 customers, and an arbiter holds
/// the Paillier key.
/// </summary>
internal static class DemoScenario
{
    public const int Guest = 9999;
    public const int Host = 10000;
    public const int Arbiter = 10002;

    /// <summary>reader → psi → hetero_lr → evaluation (examples/jobs, shipped beside the executable).</summary>
    public const string JobFile = "hetero-lr-default-credit.yaml";

    public const string Model = "hetero_lr_0";
    public const string Psi = "psi_0";
    public const string Evaluation = "evaluation_0";

    public static string JobPath => Path.Combine(AppContext.BaseDirectory, "examples", "jobs", JobFile);

    public static string DataFile(int party) => Path.Combine(AppContext.BaseDirectory, "examples", "data",
        party == Guest ? "default_credit_hetero_guest.csv.gz" : "default_credit_hetero_host.csv.gz");
}
