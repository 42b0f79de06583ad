using System.CommandLine;
using Concord.Cli.Commands.Job;

namespace Concord.Cli.Commands.Governance;

/// <summary><c>concord settings show|set</c>: the node's governance switches (admin only).</summary>
internal static class SettingsCommand
{
    public static Command Build()
    {
        var settings = new Command("settings", "Show or change a node's governance settings: require_approval, mask_ids.");
        var show = new Command("show", "Print every setting.");
        settings.Subcommands.Add(NodeConnection.Bind(show, async (_, api, ct) => Print(await api.SettingsAsync(ct))));
        var set = new Command("set", "Change one setting.");
        var name = new Argument<string>("name") { Description = "require_approval or mask_ids" };
        var value = new Argument<bool>("value") { Description = "true or false" };
        set.Arguments.Add(name);
        set.Arguments.Add(value);
        settings.Subcommands.Add(NodeConnection.Bind(set, async (parse, api, ct) => Print(await api.SetSettingAsync(parse.GetValue(name)!, parse.GetValue(value), ct))));
        return settings;
    }

    private static int Print(IReadOnlyDictionary<string, bool> settings)
    {
        foreach (var (name, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{name} = {(value ? "true" : "false")}");
        }
        return 0;
    }
}
