using System.CommandLine;
using System.Globalization;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Flow.Api;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// The options every operator command shares: which federation, which party's node, and how to prove to it
/// that the caller is the operator (the node's token from the party's home, or the operator certificate).
/// </summary>
internal sealed class NodeConnection
{
    private readonly Option<string?> _config = new("--config") { Description = "The federation's parties.yaml", Required = true };
    private readonly Option<int?> _party = new("--party") { Description = "The node to talk to (default: the guest in the config)" };
    private readonly Option<string?> _home = new("--home") { Description = $"Root of the parties' data folders, where the node's token is (default: ${PartyHome.EnvironmentVariable} or ./{PartyHome.DefaultRoot})" };
    private readonly Option<string?> _token = new("--token") { Description = "The node's operator token (default: read from the party's home)" };
    private readonly Option<string?> _certificates = new("--operator-certs") { Description = "A folder with operator.crt and operator.key, to authenticate by certificate instead of token" };

    /// <param name="configRequired">False for a command that can also work without a node (the model registry offline).</param>
    public NodeConnection(bool configRequired = true)
    {
        _config.Required = configRequired;
    }

    public Option<string?> Config => _config;

    public Option<int?> Party => _party;

    public Option<string?> Home => _home;

    /// <summary>Gives a command the connection options and runs its action against the chosen node.</summary>
    public static Command Bind(Command command, Func<ParseResult, OperatorClient, CancellationToken, Task<int>> action)
    {
        var connection = new NodeConnection();
        connection.AddTo(command);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            using var api = connection.Open(parse);
            return await action(parse, api, ct);
        });
        return command;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_config);
        command.Options.Add(_party);
        command.Options.Add(_home);
        command.Options.Add(_token);
        command.Options.Add(_certificates);
    }

    /// <summary>The party named by --party, or else the config's guest.</summary>
    public PartyEntry ChosenParty(ParseResult parse, FederationConfig config) => parse.GetValue(_party) is int id
        ? config.Party(id)
        : config.Parties.FirstOrDefault(p => p.Role == Role.Guest)
            ?? throw new ArgumentException($"{config.SourceFile} lists no guest; name the node with --party");

    /// <summary>Whether the command was given a federation config, so that it can reach a node.</summary>
    public bool HasConfig(ParseResult parse) => parse.GetValue(_config) is not null;

    public FederationConfig LoadConfig(ParseResult parse) =>
        FederationConfig.Load(parse.GetValue(_config) ?? throw new ArgumentException("--config is required to reach a node"));

    /// <summary>A client of the chosen node, or of <paramref name="partyId"/>'s node when given.</summary>
    public OperatorClient Open(ParseResult parse, int? partyId = null)
    {
        var config = LoadConfig(parse);
        var party = partyId is int chosen ? config.Party(chosen) : ChosenParty(parse, config);
        var ca = CertificateFiles.LoadPublic(config.CaCertificate);
        if (parse.GetValue(_certificates) is string folder)
        {
            var certificate = CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(folder), FederationCertificates.OperatorKey(folder));
            return new OperatorClient(party.Address, party.Id, ca, certificate);
        }
        var home = party.Home ?? PartyHome.Of(party.Id.ToString(CultureInfo.InvariantCulture), PartyHome.Root(parse.GetValue(_home)));
        return new OperatorClient(party.Address, party.Id, ca, token: parse.GetValue(_token) ?? OperatorToken.Read(home));
    }
}
