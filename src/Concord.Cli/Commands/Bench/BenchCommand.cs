using System.CommandLine;

namespace Concord.Cli.Commands.Bench;

/// <summary><c>concord bench ...</c>: each figure is reported as a ratio to a reference measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var bench = new Command("bench", "Measure Concord against a reference run on the same machine, in the same run.");
        bench.Subcommands.Add(BenchPaillierCommand.Build());
        bench.Subcommands.Add(BenchTransportCommand.Build());
        bench.Subcommands.Add(BenchPsiCommand.Build());
        bench.Subcommands.Add(BenchHeteroLrCommand.Build());
        bench.Subcommands.Add(BenchHomoCommand.Build());
        bench.Subcommands.Add(BenchHomoPartyCommand.Build());
        bench.Subcommands.Add(BenchSecureBoostCommand.Build());
        bench.Subcommands.Add(BenchBinningCommand.Build());
        bench.Subcommands.Add(BenchServingCommand.Build());
        bench.Subcommands.Add(BenchPredictCommand.Build());
        return bench;
    }
}
