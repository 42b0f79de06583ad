using Concord.Federation.Parties;
using Concord.Federation.Transport;

namespace Concord.Flow.Node;

/// <summary>Everything one party's node needs to start.</summary>
public sealed record NodeSettings(FederationConfig Config, int PartyId, string PartyHome)
{
    public FederationOptions Federation { get; init; } = new();

    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(60);
}
