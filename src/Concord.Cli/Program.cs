using System.CommandLine;
using Concord.Cli.Commands;

namespace Concord.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Concord: federated learning where the data stays and the model moves.");
        foreach (var group in CommandGroups.All())
        {
            root.Subcommands.Add(group);
        }
        return root.Parse(args).Invoke();
    }
}
