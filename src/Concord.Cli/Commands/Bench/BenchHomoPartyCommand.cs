using System.CommandLine;
using Concord.Bench.Homo;

namespace Concord.Cli.Commands.Bench;

/// <summary>The hidden <c>concord bench homo-party</c>: one party's process of <c>concord bench homo</c>; not for users.</summary>
internal static class BenchHomoPartyCommand
{
    public static Command Build()
    {
        var party = new Option<int>("--party") { Required = true };
        var config = new Option<string>("--config") { Required = true };
        var guest = new Option<int>("--guest") { Required = true };
        var arbiter = new Option<int>("--arbiter") { Required = true };
        var parameters = new Option<int>("--params") { Required = true };
        var rounds = new Option<int>("--rounds") { Required = true };
        var command = new Command("homo-party", "One party of `concord bench homo` (started by it).") { Hidden = true };
        foreach (var option in new Option[] { party, config, guest, arbiter, parameters, rounds })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var report = await HomoBenchParty.RunAsync(
                new HomoBenchPartyOptions(parse.GetValue(party), parse.GetValue(config)!, parse.GetValue(guest), parse.GetValue(arbiter), parse.GetValue(parameters), parse.GetValue(rounds)),
                Console.In, Console.Out, ct);
            Console.WriteLine(HomoBenchParty.ToJson(report));
            return 0;
        });
        return command;
    }
}
