using Concord.Federation.Messaging;

namespace Concord.ML.Psi;

/// <summary>
/// The messages every PSI method ends with, once the guest knows which of its ids each host holds. Neither
/// carries an id or a value derived from one: only the guest's word and positions in a host's own shuffled list.
/// </summary>
internal static class PsiOutcomeProtocol
{
    /// <summary>Guest → every host: whether the intersection stands, or why the run stops.</summary>
    public static readonly Tag<PsiVerdict> Verdict = new("verdict");

    /// <summary>
    /// Guest → each host, when every party outputs: positions in that host's shuffled list of the shared ids,
    /// ordered by id (ordinal) so that all parties' rows line up.
    /// </summary>
    public static readonly Tag<long[]> IntersectionPositions = new("intersection_positions");
}

/// <summary>The guest's word on the run: null when the intersection is usable, else the reason it is not.</summary>
/// <param name="OutputAtHosts">Whether the guest will send each host its share of the intersection.</param>
internal sealed record PsiVerdict(string? Failure, bool OutputAtHosts);
