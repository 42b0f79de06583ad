using Concord.ML.Linear;

namespace Concord.ML.HeteroLinear;

/// <summary>The settings every party of a vertical linear model must agree on; checked at every party so all fail alike.</summary>
public sealed record HeteroLinearSettings(LinearOptions Options, int KeyBits)
{
    public const int MinimumKeyBits = 1024;

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
        if (Options.EarlyStop != EarlyStopKind.WeightDiff && !ComputesLoss(hostCount))
        {
            throw new ArgumentException(
                $"early_stop \"{Options.EarlyStop}\" needs the loss, which this protocol computes only for logistic and linear regression with one host; use early_stop: weight_diff");
        }
    }

    /// <summary>The loss needs Σ(w_h·x_h)², which is computable under Paillier only with one host and a polynomial loss.</summary>
    public bool ComputesLoss(int hostCount) =>
        hostCount == 1 && Options.Task != LinearTask.Poisson && Options.EarlyStop != EarlyStopKind.WeightDiff;
}
