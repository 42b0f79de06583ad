using Concord.Federation;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

/// <summary>
/// The hardening issue's flood, at a small scale on real nodes: peers with valid party certificates push
/// payloads at the guest for jobs it does not run, for a job they are not in, and unread junk into a job they are in.
/// </summary>
public class FloodTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Outsider = 10001;
    private const int Payload = 256 * 1024;

    private static readonly FederationOptions Nodes = new() { ReceiveTimeout = TimeSpan.FromSeconds(20), InMemoryPayloadLimit = 64 * 1024 };

    // The peer gives up at the first "not yet", so a refusal costs the test nothing.
    private static readonly FederationOptions Peer = new() { BusyRetryWindow = TimeSpan.Zero, SpoolDirectory = Path.GetTempPath() };

    /// <summary>The guest and the host both wait a minute in the scale component, so the job runs until stopped.</summary>
    private const string WaitingJob = """
        job: { name: waiting, timeout: 120, seed: 1 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: wait
            type: scale
            parameters: { value: 1.0, delay_ms: 60000 }
        """;

    private const string QuickJob = """
        job: { name: quick, timeout: 60, seed: 1 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: once
            type: scale
            parameters: { value: 2.0 }
            parties:
              10000: { factor: 3.0 }
        """;

    private static MessageKey Junk(string session, int from, int i) => new(session, "wait", $"junk-{i}", PartyRef.Host(from), PartyRef.Guest(Guest));

    private static Task SendAsync(IFederationTransport peer, MessageKey key) =>
        peer.SendAsync(key, (s, ct) => s.WriteAsync(new byte[Payload], ct), CancellationToken.None);

    private static int SpoolFiles(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;

    [Fact]
    public async Task Messages_for_made_up_jobs_and_from_parties_outside_the_job_are_refused_and_a_job_still_runs()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, [Host, Outsider], arbiter: null, federation: Nodes);
        using var api = nodes.Operator(Guest);
        var waiting = await api.SubmitAsync(WaitingJob, "waiting.yaml", CancellationToken.None);
        await using var host = nodes.TransportAs(Host, Peer);
        await using var outsider = nodes.TransportAs(Outsider, Peer);

        for (var i = 0; i < 10; i++)
        {
            var madeUp = await Assert.ThrowsAsync<FederationException>(() => SendAsync(host, Junk($"job-made-up-{i}.attempt-1", Host, i)));
            Assert.Contains($"runs no job session \"job-made-up-{i}.attempt-1\"", madeUp.Message, StringComparison.Ordinal);
        }
        var intruder = await Assert.ThrowsAsync<FederationException>(() => SendAsync(outsider, Junk($"{waiting}.attempt-1", Outsider, 0)));
        Assert.Contains($"party {Outsider} takes no part in job session \"{waiting}.attempt-1\"", intruder.Message, StringComparison.Ordinal);

        var guest = nodes.Node(Guest).Mailbox;
        Assert.Equal(0, guest.MemoryBytesHeld);
        Assert.Equal(0, guest.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles(nodes.SpoolOf(Guest)));
        await api.StopAsync(waiting, CancellationToken.None);
        var quick = await api.WaitAsync(await api.SubmitAsync(QuickJob, "quick.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(quick.Job.State == TaskState.Success, quick.Job.Error);
    }

    [Fact]
    public async Task Messages_a_job_left_unread_are_deleted_when_it_ends()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, [Host], arbiter: null, federation: Nodes);
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(WaitingJob, "waiting.yaml", CancellationToken.None);
        await using var host = nodes.TransportAs(Host, Peer);
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(host, Junk($"{jobId}.attempt-1", Host, i));
        }
        var guest = nodes.Node(Guest).Mailbox;
        Assert.Equal(3L * Payload, guest.SpoolBytesHeld);
        Assert.Equal(3, SpoolFiles(nodes.SpoolOf(Guest)));

        await api.StopAsync(jobId, CancellationToken.None);

        // The guest's run winds down after the stop; its end closes the session. Wait for that, not for a time.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (guest.SpoolBytesHeld > 0)
        {
            await Task.Delay(50, patience.Token);
        }
        Assert.Equal(0, SpoolFiles(nodes.SpoolOf(Guest)));
        Assert.Equal(0, guest.MemoryBytesHeld);
    }

    [Fact]
    public async Task Spool_files_left_by_a_crashed_node_are_deleted_when_it_starts_again()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, [Host], arbiter: null, federation: Nodes);
        var spool = nodes.SpoolOf(Guest);
        Directory.CreateDirectory(spool);
        // What a node killed mid-job leaves: payload files no mailbox refers to any more.
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(spool, $"{Guid.NewGuid():N}.payload"), new byte[1000]);
        }

        await nodes.RestartAsync(Guest);

        Assert.Equal(0, SpoolFiles(spool));
        Assert.Contains(nodes.Log, l => l.Contains("deleted 3 spool files (3000 bytes) left by an earlier run", StringComparison.Ordinal));
        using var api = nodes.Operator(Guest);
        var quick = await api.WaitAsync(await api.SubmitAsync(QuickJob, "quick.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(quick.Job.State == TaskState.Success, quick.Job.Error);
    }
}
