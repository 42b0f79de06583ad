using Concord.Federation.Context;
using Concord.Federation.Parties;

namespace Concord.ML.Horizontal;

internal static class HomoRoles
{
    /// <summary>The clients of horizontal training: the guest and every host, in roster order; the arbiter aggregates.</summary>
    public static IReadOnlyList<PartyRef> Clients(FederationContext ctx) => [ctx.Roster.Guest, .. ctx.Roster.Hosts];
}
