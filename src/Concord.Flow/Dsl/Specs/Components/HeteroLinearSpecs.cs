using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// FATE's arbiter-coordinated vertical linear models: the guest holds the labels, hosts hold more features of the
/// same (aligned) rows, and the arbiter holds the Paillier key.
/// </summary>
internal static class HeteroLinearSpecs
{
    public static ComponentSpec Lr { get; } = Spec("hetero_lr", "logistic regression over vertically split data (one-vs-rest for more than two classes)", "diff");

    public static ComponentSpec LinR { get; } = Spec("hetero_linr", "linear regression over vertically split data", "diff");

    // Poisson computes no loss under encryption (exp does not split into sums), so it stops on the weights.
    public static ComponentSpec Poisson { get; } = Spec("hetero_poisson", "Poisson regression with an optional exposure column over vertically split data", "weight_diff")
        with
    {
        Parameters = [.. Lr.Parameters.Where(p => p.Name != "early_stop"),
            Param.Enum("early_stop", "weight_diff").Default("weight_diff").Describe("the loss is not computed under encryption for Poisson"),
            Param.String("exposure_column").PerParty().Describe("the guest's exposure column; mean = exposure · exp(w·x)")],
    };

    private static ComponentSpec Spec(string type, string description, string earlyStop) => new(type, description)
    {
        Roles = [Role.Guest, Role.Host, Role.Arbiter],
        RequiredRoles = [Role.Guest, Role.Host, Role.Arbiter],
        // validate_data and warm_start_model are accepted for FATE's job shape; see HeteroLinearComponent for their use.
        Inputs = [InputSpec.Data("train_data"), InputSpec.Data("validate_data", required: false), InputSpec.Model("warm_start_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters =
        [
            Param.Int("max_iter").Between(1, 10_000).Default(30),
            Param.Double("learning_rate").Above(0).AtMost(10).Default(0.15),
            Param.Double("decay").AtLeast(0).Default(0.0).Describe("the rate at epoch t is learning_rate / (1 + decay·t)"),
            Param.Int("batch_size").AtLeast(1).Or(-1).Default(-1).Describe("rows per batch, drawn from the job's seed; -1 for the whole table"),
            Param.Enum("penalty", "none", "l1", "l2").Default("l2"),
            Param.Double("alpha").AtLeast(0).Default(0.01).Describe("penalty strength"),
            Param.Enum("optimizer", "sgd", "rmsprop", "adam", "adagrad").Default("rmsprop"),
            Param.Double("tol").AtLeast(0).Default(1e-4).Describe("convergence tolerance for early_stop"),
            Param.Enum("early_stop", "diff", "weight_diff", "abs").Default(earlyStop)
                .Describe("diff and abs stop on the encrypted loss (logistic and linear); weight_diff on the change of the weights"),
            Param.Int("key_bits").Between(1024, 4096).Default(2048).Describe("Paillier key size; below 1024 bits is refused"),
            Param.Bool("standardize").Default(false).PerParty().Describe("scale each party's features by its own mean and standard deviation"),
            Param.Bool("keep_constant_features").Default(false).PerParty().Describe("keep a constant feature (with a warning) instead of dropping it"),
            Param.Group(
                "init_param",
                Param.Enum("method", "zeros", "ones", "random_uniform", "random_normal", "const").Default("zeros"),
                Param.Bool("fit_intercept").Default(true),
                Param.Double("const").Default(0.0).Describe("the initial weight when method is const"))
                .Describe("how weights start (random methods draw from the job's seed); the guest holds the intercept"),
        ],
    };
}
