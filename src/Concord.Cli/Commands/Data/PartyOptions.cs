using System.CommandLine;
using Concord.Data;

namespace Concord.Cli.Commands.Data;

/// <summary>The --party and --home options every data command takes, and the store they lead to.</summary>
internal sealed class PartyOptions
{
    public Option<string?> Party { get; } = new("--party", "-p")
    {
        Description = "The party whose data this is (default: the only party that has a home under the root)",
    };

    public Option<string?> Home { get; } = new("--home")
    {
        Description = $"The root folder of the party homes (default: ${PartyHome.EnvironmentVariable}, else ./{PartyHome.DefaultRoot})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Party);
        command.Options.Add(Home);
    }

    public string Root(ParseResult parse) => PartyHome.Root(parse.GetValue(Home));

    /// <summary>The party's store; with <paramref name="create"/> false, a party without a home is an error rather than created empty.</summary>
    public (string PartyId, TableStore Store) OpenStore(ParseResult parse, bool create)
    {
        var root = Root(parse);
        var partyId = PartyHome.ResolvePartyId(parse.GetValue(Party), root);
        return (partyId, OpenStore(root, partyId, create));
    }

    public static TableStore OpenStore(string root, string partyId, bool create)
    {
        var home = PartyHome.Of(partyId, root);
        if (!create && !Directory.Exists(home))
        {
            throw new InvalidOperationException($"party {partyId} has no home at {home} yet; upload a table first (concord data upload)");
        }
        return TableStore.Open(home);
    }
}
