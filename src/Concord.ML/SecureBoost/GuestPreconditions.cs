using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;

namespace Concord.ML.SecureBoost;

/// <summary>
/// What the guest checks before it generates a key: the hosts can train, the options and labels are valid, every
/// party's rows are aligned, and a warm start fits this job. An <see cref="ArgumentException"/> or a
/// <see cref="FederationException"/> says why not, and the guest passes it on to the hosts.
/// </summary>
internal sealed class GuestPreconditions(FederationContext ctx, SecureBoostOptions options, Objective objective)
{
    /// <summary>The guest's binned features, and its data with the validation columns in the training order.</summary>
    public (BinnedFeatures, GuestBoostData) Prepare(GuestBoostData data, IReadOnlyList<HostHello> hellos, SecureBoostModel? warmStart)
    {
        if (ctx.Roster.Hosts.Count == 0)
        {
            throw new ArgumentException("SecureBoost needs at least one host");
        }
        for (var h = 0; h < hellos.Count; h++)
        {
            if (hellos[h].Rejection is string reason)
            {
                throw new FederationException($"host {ctx.Roster.Hosts[h]} cannot train: {reason}", ctx.Roster.Hosts[h]);
            }
        }
        options.Validate();
        objective.CheckLabels(data.Labels, data.LabelName);
        if (data.Features.RowCount != data.Labels.Length || data.Ids.Count != data.Labels.Length)
        {
            throw new ArgumentException($"the guest has {data.Ids.Count} ids, {data.Features.RowCount} feature rows and {data.Labels.Length} labels");
        }
        RequireAligned(hellos, AlignedIds.Digest(data.Ids), h => h.TrainDigest, "training");
        if (data.ValidateFeatures is NumericColumns validate)
        {
            objective.CheckLabels(data.ValidateLabels ?? throw new ArgumentException("the validation data has no labels"), data.LabelName);
            RequireAligned(hellos, AlignedIds.Digest(data.ValidateIds ?? []), h => h.ValidateDigest, "validation");
            data = data with { ValidateFeatures = validate.Select(data.Features.Names) };
        }
        else if (options.Validation.EarlyStopping)
        {
            throw new ArgumentException($"early_stopping_rounds is {options.Validation.EarlyStoppingRounds}, but there is no validation data to stop on; connect validate_data");
        }
        if (warmStart is not null)
        {
            RequireWarmStart(warmStart, data, hellos);
        }
        return (BinnedFeatures.Fit(data.Features, options.MaxBin, $"guest {ctx.Self.Id}"), data);
    }

    private void RequireAligned(IReadOnlyList<HostHello> hellos, byte[] own, Func<HostHello, byte[]?> digest, string what)
    {
        for (var h = 0; h < hellos.Count; h++)
        {
            if (digest(hellos[h]) is not byte[] theirs || !theirs.AsSpan().SequenceEqual(own))
            {
                throw new ArgumentException(
                    $"host {ctx.Roster.Hosts[h]}'s {what} rows are not aligned with the guest's (their ordered id lists differ, or one side has none); put a psi component in front of the model");
            }
        }
    }

    private void RequireWarmStart(SecureBoostModel warm, GuestBoostData data, IReadOnlyList<HostHello> hellos)
    {
        if (warm.Objective != options.Objective || warm.Outputs != options.Outputs)
        {
            throw new ArgumentException($"the warm-start model fits {warm.Objective} with {warm.Outputs} output(s); this job asks for {options.Objective} with {options.Outputs}");
        }
        if (!warm.GuestFeatures.SequenceEqual(data.Features.Names))
        {
            throw new ArgumentException($"the warm-start model was trained on guest features {string.Join(", ", warm.GuestFeatures)}, not {string.Join(", ", data.Features.Names)}");
        }
        if (!warm.HostParties.SequenceEqual(ctx.Roster.HostIds))
        {
            throw new ArgumentException($"the warm-start model was trained with hosts {string.Join(", ", warm.HostParties)}, not {string.Join(", ", ctx.Roster.HostIds)}");
        }
        for (var h = 0; h < hellos.Count; h++)
        {
            if (hellos[h].WarmStartSplits < 0)
            {
                throw new ArgumentException($"host {ctx.Roster.Hosts[h]} has no warm-start lookup table; connect its part of the model to warm_start_model too");
            }
        }
    }
}
