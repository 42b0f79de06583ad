using Concord.Data;
using Concord.Federation.Recording;
using Concord.Flow.Api;
using Concord.Flow.Components;

namespace Concord.Flow.Tests.Governance;

/// <summary>A guest and a host, each with a table test/rows, that run a reader and a PSI over real nodes, every message received recorded.</summary>
internal sealed class PsiFederation : IAsyncDisposable
{
    public const int Guest = 9999;
    public const int Host = 10000;
    public static readonly TableName Rows = new("test", "rows");

    /// <summary>Ids only the host holds: they must never show at the guest.</summary>
    public static readonly string[] HostOnlyIds = ["host-secret-1", "host-secret-2"];

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), new StatisticsComponent()]);

    private PsiFederation(LoopbackNodes nodes, Transcript transcript)
    {
        Nodes = nodes;
        Transcript = transcript;
        GuestApi = nodes.Operator(Guest);
        HostApi = nodes.Operator(Host);
    }

    public LoopbackNodes Nodes { get; }

    public Transcript Transcript { get; }

    /// <summary>The guest's operator (admin): submits jobs.</summary>
    public OperatorClient GuestApi { get; }

    /// <summary>The host's operator (admin): grants, approves.</summary>
    public OperatorClient HostApi { get; }

    public static async Task<PsiFederation> StartAsync()
    {
        var transcript = new Transcript();
        var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], arbiter: null, settings => settings with { Transcript = transcript }, requireGrants: true);
        string[] shared = ["u1", "u2", "u3", "u4"];
        Save(nodes, Guest, [.. shared, "guest-only"]);
        Save(nodes, Host, [.. shared, .. HostOnlyIds]);
        return new PsiFederation(nodes, transcript);
    }

    private static void Save(LoopbackNodes nodes, int party, string[] ids) =>
        TableStore.Open(nodes.Config.Party(party).Home!).Save(Rows, PartyTable.Create("id", ids, ["x"], [[.. ids.Select((_, i) => (double)i)]]));

    /// <summary>A reader and a PSI at both parties; <paramref name="extra"/> adds a component after the PSI.</summary>
    public static string Job(string extra = "") => $"""
        job: {"{"} name: governed-psi, timeout: 60, seed: 1 {"}"}
        parties: {"{"} guest: {Guest}, hosts: [{Host}] {"}"}
        components:
          - name: reader_0
            type: reader
            parameters: {"{"} table: {"{"} namespace: test, name: rows {"}"} {"}"}
          - name: psi_0
            type: psi
            inputs: {"{"} data: reader_0.data {"}"}
        {extra}
        """;

    public async Task<Api.JobView> RunAsync(string? job = null)
    {
        var jobId = await GuestApi.SubmitAsync(job ?? Job(), "governed.yaml", CancellationToken.None);
        return await GuestApi.WaitAsync(jobId, null, CancellationToken.None);
    }

    public int MessagesFromHost => Transcript.Entries.Count(e => e.Key.From.Id == Host);

    public ValueTask DisposeAsync() => Nodes.DisposeAsync();
}
