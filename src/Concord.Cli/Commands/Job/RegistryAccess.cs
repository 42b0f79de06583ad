using System.CommandLine;
using System.Globalization;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Store;
using Concord.Local;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// The options that choose how a model command reaches a party's registry: its node, through the operator API,
/// when --config is given; otherwise (or with --offline) the flow store in the party's home, directly, which works
/// with the node stopped and after <c>concord run</c>.
/// </summary>
internal sealed class RegistryAccess
{
    private readonly NodeConnection _connection = new(configRequired: false);
    private readonly Option<bool> _offline = new("--offline")
    {
        Description = "Use the party's registry in its home instead of asking its node (the default without --config)",
    };

    private readonly Option<string?> _postgres = new("--postgres") { Description = "Offline: the party's PostgreSQL flow store, if it uses one" };

    /// <param name="createHome">Whether, offline, a party without a home gets one (an import) or is an error (a listing, an export).</param>
    public static Command Bind(Command command, Func<ParseResult, PartyRegistry, CancellationToken, Task<int>> action, bool createHome = false)
    {
        var access = new RegistryAccess();
        access._connection.AddTo(command);
        command.Options.Add(access._offline);
        command.Options.Add(access._postgres);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            using var registry = await access.OpenAsync(parse, createHome, ct);
            return await action(parse, registry, ct);
        });
        return command;
    }

    private async Task<PartyRegistry> OpenAsync(ParseResult parse, bool createHome, CancellationToken ct)
    {
        var configPath = parse.GetValue(_connection.Config);
        if (configPath is not null && !parse.GetValue(_offline))
        {
            return new NodeRegistry(_connection.Open(parse));
        }
        var config = configPath is null ? null : FederationConfig.Load(configPath);
        var (partyId, home) = config is null ? FromHomeRoot(parse) : FromConfig(parse, config);
        var postgres = parse.GetValue(_postgres);
        if (postgres is null && !createHome && !Directory.Exists(home))
        {
            throw new ArgumentException($"party {partyId} has no home at {home}");
        }
        var (signing, whereToFind) = SigningFor(parse, config, partyId);
        return new HomeRegistry(await FlowStore.OpenAsync(home, postgres, ct), partyId, signing, whereToFind);
    }

    /// <summary>The federation's files when --config names them; otherwise those <c>concord run</c> keeps under the home root.</summary>
    private (SigningFiles?, string) SigningFor(ParseResult parse, FederationConfig? config, int partyId)
    {
        if (config is not null)
        {
            return (SigningFiles.From(config, partyId), "");
        }
        var root = PartyHome.Root(parse.GetValue(_connection.Home));
        var standalone = StandaloneCertificates.Find(root);
        var files = standalone is null ? null : SigningFiles.From(standalone, partyId);
        return files is not null && File.Exists(files.Certificate)
            ? (files, "")
            : (null, $"pass the federation's parties.yaml with --config (and --offline to stay off the node); "
                + $"no job run with `concord run` has left party {partyId} a certificate in {StandaloneCertificates.Folder(root)}");
    }

    /// <summary>The party named by --party (or its only home under the root), with its home under --home.</summary>
    private (int, string) FromHomeRoot(ParseResult parse)
    {
        var root = PartyHome.Root(parse.GetValue(_connection.Home));
        var id = PartyHome.ResolvePartyId(parse.GetValue(_connection.Party)?.ToString(CultureInfo.InvariantCulture), root);
        return int.TryParse(id, CultureInfo.InvariantCulture, out var partyId)
            ? (partyId, PartyHome.Of(id, root))
            : throw new ArgumentException($"the party home {PartyHome.Of(id, root)} is not named by a numeric party id; name the party (--party ID)");
    }

    /// <summary>The party named by --party (or the config's guest); its home is under --home when given, else as the config says.</summary>
    private (int, string) FromConfig(ParseResult parse, FederationConfig config)
    {
        var entry = _connection.ChosenParty(parse, config);
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);
        return (entry.Id, parse.GetValue(_connection.Home) is string root ? PartyHome.Of(id, PartyHome.Root(root))
            : entry.Home ?? PartyHome.Of(id, PartyHome.Root()));
    }
}
