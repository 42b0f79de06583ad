using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Vertical logistic regression: the guest holds the labels, hosts hold more features of the same rows.</summary>
internal static class HeteroLrSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_lr", "logistic regression over vertically split data")
    {
        // The arbiter holds the Paillier key when there is one; without one the guest does.
        Roles = [Role.Guest, Role.Host, Role.Arbiter],
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data("train_data"), InputSpec.Data("validate_data", required: false), InputSpec.Model("warm_start_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters =
        [
            Param.Int("max_iter").Between(1, 10_000).Default(30),
            Param.Double("learning_rate").Above(0).AtMost(10).Default(0.15),
            Param.Int("batch_size").AtLeast(1).Or(-1).Default(-1).Describe("rows per batch; -1 for the whole table"),
            Param.Enum("penalty", "none", "l1", "l2").Default("l2"),
            Param.Double("alpha").AtLeast(0).Default(0.01).Describe("penalty strength"),
            Param.Enum("optimizer", "sgd", "rmsprop", "adam", "adagrad").Default("rmsprop"),
            Param.Double("tol").AtLeast(0).Default(1e-4).Describe("convergence tolerance for early_stop"),
            Param.Enum("early_stop", "diff", "weight_diff", "abs").Default("diff"),
            Param.Int("key_bits").Between(1024, 4096).Default(2048).Describe("Paillier key size"),
            Param.Group(
                "init_param",
                Param.Enum("method", "zeros", "ones", "random_uniform", "random_normal", "const").Default("zeros"),
                Param.Bool("fit_intercept").Default(true),
                Param.Double("const").Default(0.0).Describe("the initial weight when method is const"))
                .Describe("how weights start; random methods draw from the job's seed"),
        ],
    };
}
