namespace Concord.Federation.Parties;

/// <summary>Who plays which role in one job: one guest, any number of hosts, at most one arbiter.</summary>
public sealed record Roster(int GuestId, IReadOnlyList<int> HostIds, int? ArbiterId = null)
{
    public PartyRef Guest => PartyRef.Guest(GuestId);

    public IReadOnlyList<PartyRef> Hosts => HostIds.Select(PartyRef.Host).ToList();

    public PartyRef? Arbiter => ArbiterId is int id ? PartyRef.Arbiter(id) : null;

    public IEnumerable<PartyRef> All()
    {
        yield return Guest;
        foreach (var host in Hosts)
        {
            yield return host;
        }
        if (Arbiter is PartyRef arbiter)
        {
            yield return arbiter;
        }
    }

    public bool Contains(PartyRef party) => All().Contains(party);
}
