using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// Hetero SecureBoost: gradient-boosted trees over vertically split data. The guest holds the labels and the Paillier
/// key; hosts hold more features of the same (aligned) rows and never see a gradient in plaintext.
/// </summary>
internal static class SecureBoostSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_secureboost", "lossless federated gradient boosting (SecureBoost) over vertically split data")
    {
        Roles = [Role.Guest, Role.Host],
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data("train_data"), InputSpec.Data("validate_data", required: false), InputSpec.Model("warm_start_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters =
        [
            Param.Enum("objective", "binary", "softmax", "l2", "l1", "huber").Default("binary")
                .Describe("binary log-loss (labels 0/1), softmax (labels 0 … num_classes − 1, one tree per class per round), or a regression loss"),
            Param.Int("num_classes").Between(2, 64).Default(2).Describe("classes of a softmax model (at least 3)"),
            Param.Int("num_trees").Between(1, 1000).Default(30).Describe("boosting rounds"),
            Param.Int("max_depth").Between(1, 16).Default(3),
            Param.Double("learning_rate").Above(0).AtMost(1).Default(0.3),
            Param.Int("max_bin").Between(2, 254).Default(32).Describe("quantile bins per feature, cut by each party for its own features"),
            Param.Double("lambda").AtLeast(0).Default(1.0).Describe("L2 penalty on leaf weights"),
            Param.Double("gamma").AtLeast(0).Default(0.0).Describe("the least gain a split must bring"),
            Param.Double("min_child_weight").AtLeast(0).Default(1.0).Describe("the least hessian sum a child may have"),
            Param.Double("subsample").Above(0).AtMost(1).Default(1.0).Describe("fraction of rows drawn each round (from the job's seed)"),
            Param.Double("colsample").Above(0).AtMost(1).Default(1.0).Describe("fraction of its own features each party draws for each tree"),
            Param.Double("huber_delta").Above(0).Default(1.0).Describe("the pseudo-Huber loss's δ"),
            Param.Int("early_stopping_rounds").AtLeast(0).Default(0)
                .Describe("stop when the validation loss has not improved for this many rounds, keeping the best; 0 never stops early; needs validate_data"),
            Param.Enum("privacy_mode", "none", "complete_secure", "layered").Default("none")
                .Describe("complete_secure grows the first round's trees from guest features only; layered splits guest_depth layers with guest features, then host_depth with host features"),
            Param.Int("guest_depth").Between(1, 16).Default(1).Describe("layered: guest-only layers at the top"),
            Param.Int("host_depth").Between(1, 16).Default(1).Describe("layered: host-only layers below them; guest_depth + host_depth must equal max_depth"),
            Param.Int("key_bits").Between(1024, 4096).Default(2048).Describe("Paillier key size; below 1024 bits is refused"),
            Param.Bool("pack_candidates").Default(true).Describe("hosts pack several split candidates' sums per ciphertext, so the guest decrypts fewer"),
        ],
    };
}
