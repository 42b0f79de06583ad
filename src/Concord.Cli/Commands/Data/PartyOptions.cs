using System.CommandLine;
using Concord.Data;
using Concord.Flow.Audit;
using Concord.Flow.Store;

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

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "The party's PostgreSQL flow store, if its node uses one: where this command's table accesses are audited",
    };

    /// <summary>The table accesses of this command, stored in the party's audit trail by <see cref="AuditAsync"/>.</summary>
    private readonly BufferedAuditLog _audit = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Party);
        command.Options.Add(Home);
        command.Options.Add(Postgres);
    }

    /// <summary>Appends what this command read, wrote or deleted to the party's audit trail (in its flow store).</summary>
    public async Task AuditAsync(ParseResult parse, string partyId, CancellationToken ct)
    {
        if (_audit.Events.Count == 0)
        {
            return;
        }
        using var store = await FlowStore.OpenAsync(PartyHome.Of(partyId, Root(parse)), parse.GetValue(Postgres), ct);
        await store.AppendAuditAsync(_audit.Events, ct);
    }

    public string Root(ParseResult parse) => PartyHome.Root(parse.GetValue(Home));

    /// <summary>The party's store; with <paramref name="create"/> false, a party without a home is an error rather than created empty.</summary>
    public (string PartyId, TableStore Store) OpenStore(ParseResult parse, bool create)
    {
        var root = Root(parse);
        var partyId = PartyHome.ResolvePartyId(parse.GetValue(Party), root);
        return (partyId, OpenStore(root, partyId, create, new TableAudit(_audit, jobId: null, actor: "operator (CLI)")));
    }

    public static TableStore OpenStore(string root, string partyId, bool create, ITableAccessLog? access = null)
    {
        var home = PartyHome.Of(partyId, root);
        if (!create && !Directory.Exists(home))
        {
            throw new InvalidOperationException($"party {partyId} has no home at {home} yet; upload a table first (concord data upload)");
        }
        return TableStore.Open(home, access);
    }
}
