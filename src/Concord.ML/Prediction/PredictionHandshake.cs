using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.ML.HeteroLinear;

namespace Concord.ML.Prediction;

/// <summary>A host's answer before new rows are scored: SHA-256 of its ordered ids, what its share of the model is, or (set) why it cannot score.</summary>
internal sealed record HostReadiness(byte[] IdDigest, string Share, string? Rejection);

/// <summary>What the guest tells the hosts before scoring new rows; <paramref name="Rejection"/> set means stop.</summary>
internal sealed record PredictionPlan(string? Rejection);

/// <summary>
/// The opening every vertical prediction shares: each host checks its rows against its share of the model and says
/// whether it can score them; the guest checks that every host can, holds a share of the same training, has its rows
/// aligned, and is one the model was trained with, then checks its own rows and tells every host go, or why not. So a
/// refusal reaches every party in one line naming the party and the column, before any row is scored.
/// </summary>
internal static class PredictionHandshake
{
    /// <summary>Host → guest: the host's readiness.</summary>
    public static readonly Tag<HostReadiness> Readiness = new("prediction_readiness");

    /// <summary>Guest → hosts, in reply: go, or why prediction stops.</summary>
    public static readonly Tag<PredictionPlan> Plan = new("prediction_plan");

    /// <param name="share">What this host's share of the model is; the guest's must be the same.</param>
    /// <param name="prepare">Checks and prepares the host's rows; an <see cref="ArgumentException"/> is its refusal.</param>
    /// <returns>The prepared rows, once the guest has said go.</returns>
    public static async Task<T> HostAsync<T>(FederationContext ctx, IReadOnlyList<string> ids, string share, Func<T> prepare, CancellationToken ct)
    {
        T? prepared = default;
        string? rejection = null;
        try
        {
            prepared = prepare();
        }
        catch (ArgumentException ex)
        {
            rejection = ex.Message;
        }
        await ctx.Guest.Send(Readiness, new HostReadiness(AlignedIds.Digest(ids), share, rejection), ct).ConfigureAwait(false);
        var plan = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (rejection is not null)
        {
            throw new ArgumentException(rejection);
        }
        return plan.Rejection is string reason
            ? throw new FederationException($"the guest stopped prediction: {reason}", ctx.Roster.Guest)
            : prepared!;
    }

    /// <param name="share">What the guest's model needs each host's share to be.</param>
    /// <param name="trainedHosts">The host ids the model was trained with, in order; null when the model does not record them.</param>
    /// <param name="prepare">Checks and prepares the guest's rows; an <see cref="ArgumentException"/> is its refusal.</param>
    public static async Task<T> GuestAsync<T>(FederationContext ctx, IReadOnlyList<string> ids, string share, int[]? trainedHosts, Func<T> prepare, CancellationToken ct)
    {
        var hosts = await ctx.Hosts.ReceiveAll(Readiness, ct).ConfigureAwait(false);
        T prepared;
        try
        {
            RequireReady(ctx, hosts, share, trainedHosts);
            AlignedIds.Require(ids, [.. hosts.Select(h => h.IdDigest)], ctx.Roster.Hosts);
            prepared = prepare();
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(Plan, new PredictionPlan(ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Hosts.Send(Plan, new PredictionPlan(null), ct).ConfigureAwait(false);
        return prepared;
    }

    private static void RequireReady(FederationContext ctx, IReadOnlyList<HostReadiness> hosts, string share, int[]? trainedHosts)
    {
        var ids = ctx.Roster.Hosts;
        for (var h = 0; h < hosts.Count; h++)
        {
            if (hosts[h].Rejection is string reason)
            {
                throw new ArgumentException(reason.StartsWith($"party {ids[h]}", StringComparison.Ordinal) ? reason : $"party {ids[h]}: {reason}");
            }
            if (hosts[h].Share != share)
            {
                throw new ArgumentException($"party {ids[h]}'s share of the model is {hosts[h].Share}, and the guest's needs {share}: the shares come from different trainings");
            }
        }
        if (trainedHosts is not null && !trainedHosts.SequenceEqual(ctx.Roster.HostIds))
        {
            throw new ArgumentException(
                $"the model was trained with hosts {string.Join(", ", trainedHosts)}, and this job's hosts are {string.Join(", ", ctx.Roster.HostIds)}; predict with the parties that trained it");
        }
    }
}
