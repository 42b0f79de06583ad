using System.CommandLine;

namespace Concord.Cli.Commands.Data;

internal static class DataDeleteCommand
{
    public static Command Build()
    {
        var command = new Command("delete", "Delete a stored table and its files.");
        var table = new TableNameArguments();
        var party = new PartyOptions();
        table.AddTo(command);
        party.AddTo(command);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var (partyId, store) = party.OpenStore(parse, create: false);
            var name = table.Get(parse);
            store.Info(name); // a missing table is an error that lists what is there
            store.Delete(name);
            Console.WriteLine($"deleted {name} from party {partyId}");
            await party.AuditAsync(parse, partyId, ct);
            return 0;
        });
        return command;
    }
}
