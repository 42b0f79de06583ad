namespace Concord.Federation.Transport.Http;

/// <summary>Where each party's node listens.</summary>
public sealed class PartyDirectory(IReadOnlyDictionary<int, Uri> addresses)
{
    public IReadOnlyDictionary<int, Uri> Addresses { get; } = addresses;

    public Uri AddressOf(int partyId) => Addresses.TryGetValue(partyId, out var uri)
        ? uri
        : throw new FederationException($"unknown party {partyId}: it is not listed in the federation's party config (known: {string.Join(", ", Addresses.Keys.Order())})");
}
