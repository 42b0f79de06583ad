using Concord.Federation.Parties;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>Which hosts each party's certificate names: <c>--host PARTY=NAME[,NAME...]</c> and the addresses in parties.yaml.</summary>
internal static class PartyHostList
{
    public static Dictionary<int, IReadOnlyList<string>> Parse(IEnumerable<string> assignments)
    {
        var hosts = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--host: \"{assignment}\" is not PARTY=NAME[,NAME...] (e.g. 9999=bank.example.org,10.0.0.5)");
            }
            var party = PartyIdList.Parse(assignment[..equals], "--host").Single();
            Add(hosts, party, CertificateHosts.Parse(assignment[(equals + 1)..], $"--host {assignment}"));
        }
        return hosts;
    }

    /// <summary>Adds each party's own address host from the config.</summary>
    public static void AddFrom(FederationConfig config, Dictionary<int, IReadOnlyList<string>> hosts)
    {
        foreach (var party in config.Parties)
        {
            Add(hosts, party.Id, [CertificateHosts.Of(party.Address)]);
        }
    }

    private static void Add(Dictionary<int, IReadOnlyList<string>> hosts, int party, IReadOnlyList<string> more) =>
        hosts[party] = (hosts.GetValueOrDefault(party) ?? []).Concat(more).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
