using System.Net;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;

namespace Concord.Federation.Tests.Http;

/// <summary>
/// The flood from the hardening issue, at a small scale and with low limits: a peer holding a valid party
/// certificate posts messages a node has no use for. Each is refused before the node holds its payload.
/// </summary>
public sealed class MessageAdmissionTests : IDisposable
{
    private const string Job = "job-1.attempt-1";
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Outsider = 10001;
    private const int Kib = 1024;

    private static readonly FederationOptions Low = new()
    {
        InMemoryPayloadLimit = 64 * Kib,
        JobMemoryQuota = 256 * Kib,
        JobSpoolQuota = 1024 * Kib,
        MaxMessageBytes = 512 * Kib,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        BusyRetryWindow = TimeSpan.FromSeconds(20),
        SpoolDirectory = Path.Combine(Path.GetTempPath(), $"concord-spool-test-{Guid.NewGuid():N}"),
    };

    private static MessageKey Key(string session, string tag, int from = Host) => new(session, "flood", tag, PartyRef.Host(from), PartyRef.Guest(Guest));

    private static async Task<LoopbackFederation> StartAsync(SessionAdmission admission, FederationOptions? options = null) =>
        await LoopbackFederation.StartAsync(options ?? Low, admission, Guest, Host, Outsider);

    private static RawSender Attacker(LoopbackFederation federation, int from = Host) =>
        new(federation.Servers[Guest].Address, Guest, federation.Certificates[from], federation.Ca.Certificate);

    private static int SpoolFiles(FederationOptions options) =>
        Directory.Exists(options.SpoolDirectory) ? Directory.GetFiles(options.SpoolDirectory).Length : 0;

    public void Dispose()
    {
        if (Directory.Exists(Low.SpoolDirectory))
        {
            Directory.Delete(Low.SpoolDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_flood_for_jobs_the_node_does_not_run_is_refused_and_leaves_nothing_held()
    {
        await using var federation = await StartAsync(new SessionAdmission().Run(Job, Guest, Host));
        using var attacker = Attacker(federation);

        // 4 MiB each, as in the issue: more than an HTTP/2 stream's window, so the refusal must not wait for the body.
        for (var i = 0; i < 10; i++)
        {
            var (status, body, response) = await attacker.PostAsync(Key($"made-up-{i}", "x"), 4096 * Kib);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains($"runs no job session \"made-up-{i}\"", body, StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        var mailbox = federation.Servers[Guest].Mailbox;
        Assert.Equal(0, mailbox.MemoryBytesHeld);
        Assert.Equal(0, mailbox.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles(Low));
    }

    [Fact]
    public async Task A_party_that_takes_no_part_in_the_job_is_refused_and_logged()
    {
        await using var federation = await StartAsync(new SessionAdmission().Run(Job, Guest, Host));
        using var outsider = Attacker(federation, from: Outsider);

        var (status, body, _) = await outsider.PostAsync(Key(Job, "x", from: Outsider), 128 * Kib);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"party {Outsider} takes no part in job session \"{Job}\"", body, StringComparison.Ordinal);
        Assert.Contains(federation.Refusals, r => r.Contains($"party {Outsider} takes no part", StringComparison.Ordinal));
        Assert.Equal(0, federation.Servers[Guest].Mailbox.SpoolBytesHeld);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_with_413_naming_the_limit()
    {
        await using var federation = await StartAsync(new SessionAdmission().Run(Job, Guest, Host));
        using var attacker = Attacker(federation);

        var streamed = await attacker.PostAsync(Key(Job, "streamed"), 4096 * Kib);
        var declared = await attacker.PostAsync(Key(Job, "declared"), 4096 * Kib, declareLength: true);

        foreach (var (status, body, _) in new[] { streamed, declared })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains($"{512 * Kib} bytes, this node's limit (MaxMessageBytes)", body, StringComparison.Ordinal);
        }
        Assert.Contains("declares", declared.Body, StringComparison.Ordinal);
        Assert.Equal(0, federation.Servers[Guest].Mailbox.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles(Low));
    }

    [Fact]
    public async Task The_transport_reports_a_refused_oversized_message_without_retrying()
    {
        await using var federation = await StartAsync(new SessionAdmission().Run(Job, Guest, Host));
        var key = Key(Job, "too_big");

        var ex = await Assert.ThrowsAsync<FederationException>(() =>
            federation.Transport(Host).SendAsync(key, (s, ct) => s.WriteAsync(new byte[4096 * Kib], ct), CancellationToken.None));

        Assert.Contains("MaxMessageBytes", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<PeerUnreachableException>(ex);
    }

    [Fact]
    public async Task A_full_job_quota_refuses_more_with_429_while_another_job_still_delivers()
    {
        const string Other = "job-2.attempt-1";
        await using var federation = await StartAsync(new SessionAdmission().Run(Job, Guest, Host).Run(Other, Guest, Outsider));
        using var attacker = Attacker(federation);
        var mailbox = federation.Servers[Guest].Mailbox;

        // 128 KiB messages spool (past the 64 KiB in-memory limit): 8 fill the job's 1 MiB spool quota.
        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 12; i++)
        {
            var (status, body, _) = await attacker.PostAsync(Key(Job, $"junk-{i}"), 128 * Kib);
            statuses.Add(status);
            refusal ??= status == HttpStatusCode.TooManyRequests ? body : null;
        }

        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Skip(8), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Contains($"job session {Job}'s spool (JobSpoolQuota = {1024 * Kib} bytes) is full", refusal, StringComparison.Ordinal);
        Assert.Equal(1024 * Kib, mailbox.SpoolBytesHeld);

        // The other job's party still gets through, by the ordinary transport.
        var legitimate = new MessageKey(Other, "stats", "sum", PartyRef.Host(Outsider), PartyRef.Guest(Guest));
        await federation.Transport(Outsider).SendAsync(legitimate, (s, ct) => s.WriteAsync(new byte[100 * Kib], ct), CancellationToken.None);
        using (var received = await federation.Transport(Guest).ReceiveAsync(legitimate, CancellationToken.None))
        {
            Assert.Equal(100 * Kib, received.Length);
        }

        // The flooded job ends: everything it held goes.
        mailbox.Close(Job);
        Assert.Equal(0, mailbox.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles(Low));
    }

    [Fact]
    public async Task A_message_that_beats_its_jobs_start_is_delivered_once_the_job_starts()
    {
        var admission = new SessionAdmission();
        await using var federation = await StartAsync(admission);
        var key = Key(Job, "first");

        var sending = federation.Transport(Host).SendAsync(key, (s, ct) => s.WriteAsync(new byte[] { 42 }, ct), CancellationToken.None);
        await admission.FirstUnknown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        admission.Run(Job, Guest, Host);
        await sending;

        using var received = await federation.Transport(Guest).ReceiveAsync(key, CancellationToken.None);
        Assert.Equal(1, received.Length);
    }

    [Fact]
    public async Task A_sender_stops_retrying_a_job_that_never_starts_and_says_why()
    {
        await using var federation = await StartAsync(new SessionAdmission(), Low with { BusyRetryWindow = TimeSpan.FromMilliseconds(300) });

        var ex = await Assert.ThrowsAsync<FederationException>(() =>
            federation.Transport(Host).SendAsync(Key("never", "x"), (s, ct) => s.WriteAsync(new byte[] { 1 }, ct), CancellationToken.None));

        Assert.Contains("runs no job session \"never\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("of retries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_message_for_an_ended_job_is_dropped_without_being_held()
    {
        var admission = new SessionAdmission().Run(Job, Guest, Host);
        await using var federation = await StartAsync(admission);
        admission.End(Job);
        using var late = Attacker(federation);

        var (status, _, response) = await late.PostAsync(Key(Job, "late"), 4096 * Kib);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("discarded", response.Headers.GetValues("Concord-Delivery").Single());
        Assert.Equal(0, federation.Servers[Guest].Mailbox.SpoolBytesHeld);
    }
}
