using System.Text.Json;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Scorecard;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's Scorecard at the guest: each row's predict_score, the model's probability of default, becomes a credit
/// score (see <see cref="ScorecardOptions"/>), with the distribution of the scores and, where the rows carry labels,
/// each score band's bad rate. It fits nothing, so a predict pipeline runs it again with the same parameters.
/// </summary>
public sealed class ScorecardComponent : IFederatedComponent
{
    public const string CreditScoreColumn = "credit_score";

    public string Type => "scorecard";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        if (run.Context.Self.Role != Role.Guest)
        {
            throw new InvalidOperationException($"party {run.Context.Self}: scorecard runs at the guest only, which holds the predictions");
        }
        var options = OptionsBinder.Bind<ScorecardOptions>(run.Parameters, ScorecardSpec.Spec);
        var (table, distribution) = Score(run.RequireInput("data"), options);
        run.Log($"scored {table.RowCount} rows: mean {distribution.Mean:F2}, median {distribution.Quantiles["median"]:F2}");
        var metrics = JsonSerializer.SerializeToNode(distribution, Control.ControlJson.Options)!.AsObject();
        metrics["formula"] = $"score = {options.Offset} + {options.Factor} / ln({options.FactorBase}) * ln(odds / {options.BaseOdds}), odds = (1 - p) / p, within [{options.LowerLimitValue}, {options.UpperLimitValue}]";
        return Task.FromResult(new ComponentOutput(Data: table, Metrics: metrics));
    }

    /// <summary>The ids, predict_score and credit_score (and the labels, if any) of every row, and how the scores are spread.</summary>
    public static (PartyTable Table, ScoreDistribution Distribution) Score(PartyTable input, ScorecardOptions options)
    {
        if (options.LowerLimitValue >= options.UpperLimitValue)
        {
            throw new ArgumentException($"scorecard: lower_limit_value {options.LowerLimitValue} is not below the cap upper_limit_ratio * offset = {options.UpperLimitValue}");
        }
        var names = input.Schema.FeatureNames.ToList();
        var j = names.IndexOf(PredictionColumns.Score);
        if (j < 0)
        {
            throw new ArgumentException($"scorecard: the input has no \"{PredictionColumns.Score}\" column (it has: {string.Join(", ", names.Take(10))}); connect a binary model's prediction output");
        }
        var p = input.Column(j);
        var scores = new double[input.RowCount];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = p[i] is >= 0 and <= 1
                ? CreditScore.Of(p[i], options)
                : throw new ArgumentException($"scorecard: row {SensitiveIds.Mark(input.Ids[i])} has {PredictionColumns.Score} {p[i]}, not a probability in [0, 1]");
        }
        var table = PredictionColumns.Table(input, [PredictionColumns.Score, CreditScoreColumn], [p.ToArray(), scores]);
        return (table, ScoreDistribution.Of(scores, input.Labels, options.BinNum));
    }
}
