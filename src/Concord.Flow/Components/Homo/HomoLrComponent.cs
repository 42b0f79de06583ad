using System.Text.Json.Nodes;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Linear;

namespace Concord.Flow.Components.Homo;

/// <summary>homo_lr: <see cref="HomoLogisticModel"/> in the horizontal framework.</summary>
public sealed class HomoLrComponent : HomoComponent
{
    public override string Type => "homo_lr";

    protected override ILocalModelFactory Factory(JsonObject parameters, long seed) => new HomoLrFactory(Options(parameters));

    protected override bool IsClassification(JsonObject parameters) => true;

    /// <summary>The local model's options from the job's parameters; public so a LocalBaseline trains with the same ones.</summary>
    public static HomoLrOptions Options(JsonObject p) => new()
    {
        LearningRate = p.Double("learning_rate"),
        BatchSize = (int)p.Int("batch_size"),
        Optimizer = Enum.Parse<OptimizerKind>(p.String("optimizer")!, ignoreCase: true),
        Penalty = Enum.Parse<PenaltyKind>(p.String("penalty")!, ignoreCase: true),
        Alpha = p.Double("alpha"),
        FitIntercept = p["fit_intercept"]?.GetValue<bool>() ?? true,
    };
}
