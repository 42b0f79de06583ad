using Concord.ML.Linear;
using Concord.ML.Validation;

namespace Concord.ML.HeteroLinear;

/// <summary>The settings every party of a vertical linear model must agree on; checked at every party so all fail alike.</summary>
/// <param name="Validation">How validate_data is used when connected (FATE's validation_freqs and early stopping).</param>
public sealed record HeteroLinearSettings(LinearOptions Options, int KeyBits, ValidationOptions? Validation = null)
{
    public const int MinimumKeyBits = 1024;

    public ValidationOptions Validating => Validation ?? new();

    /// <summary>What the model's validation scores: each one-vs-rest model is a binary one.</summary>
    public ValidationTask ValidationTask => Options.Task switch
    {
        LinearTask.Logistic => ValidationTask.Binary,
        LinearTask.Linear => ValidationTask.Regression,
        _ => ValidationTask.Poisson,
    };

    public void Validate(int hostCount)
    {
        Options.Validate();
        if (KeyBits < MinimumKeyBits)
        {
            throw new ArgumentException($"parameter \"key_bits\" is {KeyBits}; Paillier keys below {MinimumKeyBits} bits are not secure and are refused");
        }
        if (hostCount < 1)
        {
            throw new ArgumentException("a vertical linear model needs at least one host");
        }
        if (Options.Task == LinearTask.Poisson && hostCount > 1)
        {
            // exp(w·x) splits into a product of the parties' factors, and Paillier cannot multiply two ciphertexts.
            throw new ArgumentException($"hetero Poisson regression takes exactly one host (the job has {hostCount})");
        }
        if (Validating.Problem(ValidationTask) is var (parameter, message))
        {
            throw new ArgumentException($"parameter \"{parameter}\": {message}");
        }
        if (Options.EarlyStop != EarlyStopKind.WeightDiff && !ComputesLoss)
        {
            throw new ArgumentException(
                $"early_stop \"{Options.EarlyStop}\" needs the loss, which this protocol computes only for logistic and linear regression; use early_stop: weight_diff");
        }
    }

    /// <summary>The loss must be a polynomial in w·x to be summed under Paillier: the Taylor logistic loss and the squared error are; Poisson's is not.</summary>
    public bool ComputesLoss => Options.Task != LinearTask.Poisson && Options.EarlyStop != EarlyStopKind.WeightDiff;
}
