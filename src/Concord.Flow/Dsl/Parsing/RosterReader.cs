using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Reads the job's <c>parties</c> section: one guest, any number of hosts, at most one arbiter.</summary>
internal static class RosterReader
{
    private const string Where = "parties";
    private const string Shape = "parties: { guest: <party id>, hosts: [<party id>, ...], arbiter: <party id> }";
    private static readonly string[] Fields = ["guest", "hosts", "arbiter"];

    public static PartialRoster Read(YamlMappingNode root, ErrorSink errors)
    {
        var roster = new PartialRoster();
        var node = root.Get(Where);
        if (node is null || node.IsNull())
        {
            errors.Add(node ?? root, Where, $"the job names no parties; expected {Shape}");
            return roster;
        }
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, Where, $"expected {Shape}, found {node.Describe()}");
            return roster;
        }
        mapping.RejectUnknownKeys(Where, Fields, errors);
        var seen = new Dictionary<int, (string Role, YamlNode Node)>();
        int? Party(YamlNode item, string where, string role)
        {
            if (item is not YamlScalarNode scalar || !scalar.IsPlain()
                || !int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                errors.Add(item, where, $"expected a party id (a positive integer), found {item.Describe()}");
                return null;
            }
            if (seen.TryGetValue(id, out var first))
            {
                errors.Add(item, where, $"party {id} is already the {first.Role} (line {first.Node.Start.Line}); a party plays one role in a job");
                return null;
            }
            seen[id] = (role, item);
            roster.Marks[id] = ((int)item.Start.Line, (int)item.Start.Column);
            return id;
        }

        var guest = mapping.Get("guest");
        if (guest is null || guest.IsNull())
        {
            errors.Add(guest ?? root.KeyNode(Where)!, Where.Dot("guest"), "the job has no guest; expected guest: <party id>, the party that holds the labels and starts the job");
        }
        else
        {
            roster.Guest = Party(guest, Where.Dot("guest"), "guest");
        }
        switch (mapping.Get("hosts"))
        {
            case null:
                break;
            case var none when none.IsNull():
                break;
            case YamlSequenceNode hosts:
                for (var i = 0; i < hosts.Children.Count; i++)
                {
                    if (Party(hosts.Children[i], $"{Where}.hosts[{i}]", "host") is int host)
                    {
                        roster.Hosts.Add(host);
                    }
                }
                break;
            case var single:
                if (Party(single, Where.Dot("hosts"), "host") is int only)
                {
                    roster.Hosts.Add(only);
                }
                break;
        }
        if (mapping.Get("arbiter") is YamlNode arbiter && !arbiter.IsNull())
        {
            roster.Arbiter = Party(arbiter, Where.Dot("arbiter"), "arbiter");
        }
        return roster;
    }
}
