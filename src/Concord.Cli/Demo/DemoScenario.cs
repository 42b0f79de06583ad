using System.Diagnostics;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Dsl;
using Concord.ML.Evaluation;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;

namespace Concord.Cli.Demo;

/// <summary>
/// A model of the demo job: where its training and evaluation run, how close it must come to its plaintext
/// LocalBaseline, and how that baseline is trained on the joined, aligned tables.
/// </summary>
/// <param name="Serving">The name the demo serves the model under once trained.</param>
internal sealed record DemoModelSpec(string Name, string Component, string Evaluation, double AucTolerance, Func<JobDefinition, PartyTable, PartyTable, double[]> BaselineScores, string Serving);

/// <summary>
/// The demo's federation: vertical credit scoring on FATE's default_credit. The bank (guest) holds the default
/// label and 13 features of 24,000 customers, a partner (host) 10 more features of all 30,000, and an arbiter holds
/// the HeteroLR Paillier key. One PSI aligns them; HeteroLR and SecureBoost train on the same intersection.
/// </summary>
internal static class DemoScenario
{
    public const int Guest = 9999;
    public const int Host = 10000;
    public const int Arbiter = 10002;

    /// <summary>reader → psi → (hetero_lr, hetero_secureboost) → evaluation (examples/jobs, shipped beside the executable).</summary>
    public const string JobFile = "vertical-credit-scoring.yaml";

    public const string Psi = "psi_0";

    public static IReadOnlyList<DemoModelSpec> Models { get; } =
    [
        // Issue 5's tolerance: FATE's Taylor-approximated protocol against the plaintext fit with the same options.
        new("HeteroLR (guest + host + arbiter, Paillier)", "hetero_lr_0", "evaluation_lr", 0.01, LogisticScores, "credit-lr"),
        // SecureBoost is lossless: the same trees as plaintext boosting on the same bins, so the same AUC.
        new("Hetero SecureBoost (guest + host, Paillier)", "hetero_secureboost_0", "evaluation_secureboost", 1e-9, BoostScores, "credit-secureboost"),
    ];

    public static string JobPath => Path.Combine(AppContext.BaseDirectory, "examples", "jobs", JobFile);

    /// <summary>The bank trains on its customers whose id is not a multiple of 5; the partner holds all 30,000.</summary>
    public static string DataFile(int party) => Path.Combine(AppContext.BaseDirectory, "examples", "data",
        party == Guest ? "default_credit_hetero_guest_train.csv.gz" : "default_credit_hetero_host.csv.gz");

    /// <summary>The bank's other 6,000 customers, whom training never saw: the demo scores a few of them online.</summary>
    public static string NewCustomersFile => Path.Combine(AppContext.BaseDirectory, "examples", "data", "default_credit_hetero_guest_new.csv.gz");

    /// <summary>The federated model's options and feature preparation, applied to the pooled columns in one process.</summary>
    private static double[] LogisticScores(JobDefinition job, PartyTable guest, PartyTable host)
    {
        var model = job.Component("hetero_lr_0");
        var options = HeteroLinearComponent.Options(model.ParametersFor(Guest), LinearTask.Logistic, job.Settings.Seed);
        // The federated run already logged any feature warnings at each party.
        var guestFeatures = HeteroLinearComponent.Features(model.ParametersFor(Guest), LinearTask.Logistic, guest, null, _ => { });
        var hostFeatures = HeteroLinearComponent.Features(model.ParametersFor(Host), LinearTask.Logistic, host, null, _ => { });
        double[][] joined = [.. guestFeatures.Columns, .. hostFeatures.Columns];
        var fit = LocalLinearTrainer.Fit(joined, guest.Labels!, options);
        return [.. LocalLinearTrainer.LinearPredictor(joined, fit.Weights[0], guest.RowCount).Select(wx => Residuals.Predict(LinearTask.Logistic, wx, exposure: 1))];
    }

    private static double[] BoostScores(JobDefinition job, PartyTable guest, PartyTable host) =>
        SecureBoostComponent.Baseline(job.Component("hetero_secureboost_0").ParametersFor(Guest), job.Settings.Seed, (Guest, guest), [(Host, host)]).Predictions[0];

    /// <summary>Trains a model's baseline and scores it as the evaluation component scores the federated one.</summary>
    public static DemoModel Baseline(DemoModelSpec spec, JobDefinition job, PartyTable guest, PartyTable host)
    {
        var clock = Stopwatch.StartNew();
        var scores = spec.BaselineScores(job, guest, host);
        clock.Stop();
        var evaluation = BinaryMetrics.Evaluate(scores, guest.Labels!);
        return new DemoModel(evaluation.Auc, evaluation.Ks, clock.Elapsed.TotalSeconds);
    }
}
