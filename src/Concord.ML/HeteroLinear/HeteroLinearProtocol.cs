using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Context;
using Concord.Federation.Messaging;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// The messages of FATE's arbiter-coordinated vertical linear models (logistic, linear, Poisson), in the order they
/// flow. Ciphertexts travel under <see cref="EncryptedTag{T}"/>s, received bound to the arbiter's key.
/// </summary>
internal static class HeteroLinearProtocol
{
    /// <summary>Host → guest: SHA-256 of the host's ordered ids, so that misaligned rows are refused before training.</summary>
    public static readonly Tag<byte[]> AlignedIdDigest = new("aligned_id_digest");

    /// <summary>Host → guest, when validate_data is connected: SHA-256 of the host's ordered validation ids.</summary>
    public static readonly Tag<byte[]> ValidationIdDigest = new("validation_id_digest");

    /// <summary>Guest → hosts and arbiter: how many models and batches, whether the loss is computed, the fixed-point scale of the residual, or why training stops.</summary>
    public static readonly Tag<TrainingPlan> Plan = new("training_plan");

    /// <summary>Arbiter → guest and hosts: the Paillier public key every ciphertext is under.</summary>
    public static readonly Tag<PaillierPublicKey> PublicKey = new("paillier_public_key");

    /// <summary>Host → guest, per batch: Enc(w_h·x_h) per row (Enc(exp(w_h·x_h)) for Poisson), fixed-point.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedHostPredictor = EncryptedTag.Vector("encrypted_host_predictor");

    /// <summary>Host → guest, per batch when the loss is computed with sample weights: Enc((w_h·x_h)²) per row.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedSquaredHostPredictor = EncryptedTag.Vector("encrypted_squared_host_predictor");

    /// <summary>Host → guest, per batch when the loss is computed without sample weights: Enc(Σ_batch (w_h·x_h)²), one ciphertext.</summary>
    public static readonly EncryptedTag<Ciphertext> EncryptedSquaredHostPredictorSum = EncryptedTag.Single("encrypted_squared_host_predictor_sum");

    /// <summary>Guest → host h', per batch when the loss is computed with several hosts: an earlier host h's Enc(w_h·x_h) (times the sample weight).</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedPeerHostPredictor = EncryptedTag.Vector("encrypted_peer_host_predictor");

    /// <summary>Host h' → guest, in reply: Enc(Σ_batch (w_h·x_h)(w_h'·x_h')), the cross term of the squared predictor.</summary>
    public static readonly EncryptedTag<Ciphertext> EncryptedCrossHostProduct = EncryptedTag.Single("encrypted_cross_host_product");

    /// <summary>Guest → hosts, per batch: the encrypted residual d per row (Taylor residual for logistic).</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedResidual = EncryptedTag.Vector("encrypted_residual");

    /// <summary>Guest or host → arbiter, per batch: Enc(gradient + offset + mask) per weight, several weights packed per ciphertext (see MaskedGradientPacking).</summary>
    public static readonly EncryptedTag<CipherVector> MaskedEncryptedGradient = EncryptedTag.Vector("masked_encrypted_gradient");

    /// <summary>Arbiter → the same party: its packed masked gradient decrypted (still masked).</summary>
    public static readonly Tag<BigInteger[]> MaskedGradient = new("masked_gradient");

    /// <summary>Guest → arbiter, per batch when the loss is computed: Enc(batch loss), fixed-point.</summary>
    public static readonly EncryptedTag<EncryptedBatchLoss> EncryptedLoss = EncryptedTag.Of("encrypted_loss", EncryptedBatchLoss.Codec);

    /// <summary>Guest and hosts → arbiter, per epoch under weight_diff: Σ (Δw)² over the party's own weights.</summary>
    public static readonly Tag<double[]> SquaredWeightChange = new("squared_weight_change");

    /// <summary>Host → guest, per validated epoch: w_h·x_h on each validation row for the current model, as in prediction.</summary>
    public static readonly Tag<double[]> ValidationPartialScore = new("validation_partial_score");

    /// <summary>Guest → arbiter, per validated epoch: whether early stopping stops the model, and whether this epoch is the best yet.</summary>
    public static readonly Tag<ValidationStatus> ValidationOutcome = new("validation_status");

    /// <summary>Arbiter → guest and hosts, per epoch: whether the model has converged.</summary>
    public static readonly Tag<ConvergenceVerdict> Verdict = new("convergence_verdict");

    /// <summary>Host → guest, after training or when scoring new rows: w_h·x_h per row and model, for the joint prediction.</summary>
    public static readonly Tag<double[]> HostPartialScore = new("host_partial_score");

    /// <summary>The scope in which the guest relays earlier host h's predictor to the later hosts and hears their cross terms.</summary>
    public static FederationContext CrossTerms(FederationContext batch, int earlier) => batch.Sub($"cross-{earlier}");
}

/// <summary>What the guest tells the others before training starts; <paramref name="Rejection"/> set means stop.</summary>
/// <param name="SquaresPerRow">Sample weights are in use, so hosts send Enc(u_h²) per row for the guest to weight, not one sum.</param>
/// <param name="ValidationFreqs">Validation runs after every this many epochs; 0 when the guest has no validate_data.</param>
/// <param name="KeepsBest">Early stopping is on: every party keeps its share at the best validation and ends with it.</param>
internal sealed record TrainingPlan(
    int Models, int Batches, bool ComputesLoss, double ResidualScale, string? Rejection, bool SquaresPerRow = false, int ValidationFreqs = 0, bool KeepsBest = false)
{
    /// <summary>Whether validation runs after epoch <paramref name="index"/> (0-based).</summary>
    public bool Validates(int index) => ValidationFreqs > 0 && (index + 1) % ValidationFreqs == 0;
}

/// <summary>
/// The arbiter's per-epoch decision and the loss it saw (null when the protocol does not compute it); with validation,
/// whether early stopping made the decision and whether this epoch is the best so far (each party then keeps its share).
/// </summary>
internal sealed record ConvergenceVerdict(bool Converged, double? Loss, bool StoppedEarly = false, bool Best = false);

/// <summary>The guest's early-stopping outcome of one validation: the only validation result that leaves the guest.</summary>
internal sealed record ValidationStatus(bool Stop, bool Best);
