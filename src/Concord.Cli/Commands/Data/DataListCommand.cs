using System.CommandLine;
using System.Globalization;
using Concord.Data;

namespace Concord.Cli.Commands.Data;

internal static class DataListCommand
{
    public static Command Build()
    {
        var command = new Command("list", "List the stored tables of a party (of every party under the root if none is named).");
        var party = new PartyOptions();
        party.AddTo(command);
        var json = JsonFlag.AddTo(command, "{\"parties\": [{\"party\", \"home\", \"tables\": [...]}]}");
        UserFacing.SetAction(command, (parse, _) =>
        {
            var root = party.Root(parse);
            var named = parse.GetValue(party.Party);
            var parties = named is not null ? [named] : PartyHome.ExistingParties(root);
            if (parse.GetValue(json))
            {
                JsonLine.Write(new DataJson.Listing([.. parties.Select(p =>
                {
                    var store = PartyOptions.OpenStore(root, p, create: false);
                    return new DataJson.PartyTables(p, store.HomeDirectory, [.. store.List().Select(DataJson.Of)]);
                })]));
                return Task.FromResult(0);
            }
            if (parties.Count == 0)
            {
                Console.WriteLine($"no party homes under {root}");
            }
            foreach (var partyId in parties)
            {
                Print(partyId, PartyOptions.OpenStore(root, partyId, create: false));
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Print(string partyId, TableStore store)
    {
        var tables = store.List();
        Console.WriteLine($"party {partyId} ({store.HomeDirectory}): {tables.Count} table(s)");
        if (tables.Count == 0)
        {
            return;
        }
        TextTable.Write(Console.Out,
            ["namespace", "name", "rows", "features", "label", "weight", "uploaded (UTC)", "source"],
            tables.Select(t => (IReadOnlyList<string>)
            [
                t.Name.Namespace, t.Name.Name, t.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                t.FeatureCount.ToString(CultureInfo.InvariantCulture), t.Schema.LabelName ?? "-", t.Schema.WeightName ?? "-",
                t.UploadedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), t.SourceFile ?? "-",
            ]),
            indent: "  ");
    }
}
