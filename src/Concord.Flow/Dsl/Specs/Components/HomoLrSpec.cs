namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Horizontal logistic regression: the framework's parameters and the local model's.</summary>
internal static class HomoLrSpec
{
    public static ComponentSpec Spec { get; } = HomoSpecs.Spec(
        "homo_lr",
        "logistic regression over horizontally split data (sigmoid for 0/1 labels, softmax for more classes), FedAvg/FedProx with secure aggregation",
        [
            Param.Double("learning_rate").Above(0).AtMost(10).Default(0.1),
            Param.Int("batch_size").AtLeast(1).Or(-1).Default(64).Describe("rows per local batch; -1 for the whole table"),
            Param.Enum("optimizer", "sgd", "adam", "rmsprop", "adagrad").Default("sgd"),
            Param.Enum("penalty", "none", "l1", "l2").Default("l2"),
            Param.Double("alpha").AtLeast(0).Default(0.01).Describe("penalty strength; the intercept is never penalised"),
            Param.Bool("fit_intercept").Default(true),
        ]);
}
