using Concord.Federation.Parties;
using Concord.Flow.Control;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>The job's parties as far as they could be read, so later sections can be checked even when this one had errors.</summary>
internal sealed class PartialRoster
{
    public int? Guest { get; set; }

    public List<int> Hosts { get; } = [];

    public int? Arbiter { get; set; }

    /// <summary>Where the file names each party, so a later check (the federation's roster) can point at it.</summary>
    public Dictionary<int, (int Line, int Column)> Marks { get; } = [];

    public IEnumerable<(int Id, Role Role)> All()
    {
        if (Guest is int guest)
        {
            yield return (guest, Role.Guest);
        }
        foreach (var host in Hosts)
        {
            yield return (host, Role.Host);
        }
        if (Arbiter is int arbiter)
        {
            yield return (arbiter, Role.Arbiter);
        }
    }

    public Role? RoleOf(int party) => All().Where(p => p.Id == party).Select(p => (Role?)p.Role).FirstOrDefault();

    public bool Has(Role role) => All().Any(p => p.Role == role);

    /// <summary>The parties, as listed in messages: <c>9999 (guest), 10000 (host)</c>.</summary>
    public string Describe() => string.Join(", ", All().Select(p => $"{p.Id} ({p.Role.ToWire()})"));

    /// <summary>Only for a roster read without errors, which always has a guest.</summary>
    public RosterSpec ToSpec() => new(Guest ?? throw new InvalidOperationException("the roster has no guest"), [.. Hosts], Arbiter);
}
