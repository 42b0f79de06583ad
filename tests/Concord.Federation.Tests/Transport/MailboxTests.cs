using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Federation.Tests.Transport;

/// <summary>What a mailbox holds, and that all of it goes when a session closes.</summary>
public sealed class MailboxTests : IDisposable
{
    private const int Kib = 1024;

    private readonly FederationOptions _options = new()
    {
        InMemoryPayloadLimit = 16 * Kib,
        JobMemoryQuota = 32 * Kib,
        NodeMemoryQuota = 64 * Kib,
        JobSpoolQuota = 256 * Kib,
        NodeSpoolQuota = 384 * Kib,
        ReceiveTimeout = TimeSpan.FromSeconds(10),
        SpoolDirectory = Path.Combine(Path.GetTempPath(), $"concord-mailbox-test-{Guid.NewGuid():N}"),
    };

    public void Dispose()
    {
        if (Directory.Exists(_options.SpoolDirectory))
        {
            Directory.Delete(_options.SpoolDirectory, recursive: true);
        }
    }

    private static MessageKey Key(string session, string tag) => new(session, "s", tag, PartyRef.Host(10000), PartyRef.Guest(9999));

    private static async Task<IncomingPayload> CaptureAsync(Mailbox mailbox, MessageKey key, int bytes) =>
        await mailbox.CaptureAsync(key, new MemoryStream(new byte[bytes]), CancellationToken.None);

    private int SpoolFiles() => Directory.Exists(_options.SpoolDirectory) ? Directory.GetFiles(_options.SpoolDirectory).Length : 0;

    [Fact]
    public async Task Closing_a_session_deletes_its_spool_files_returns_its_quota_and_fails_its_waiting_receivers()
    {
        using var mailbox = new Mailbox(_options);
        for (var i = 0; i < 3; i++)
        {
            mailbox.Deliver(Key("a", $"m{i}"), await CaptureAsync(mailbox, Key("a", $"m{i}"), 64 * Kib));
        }
        mailbox.Deliver(Key("b", "m"), await CaptureAsync(mailbox, Key("b", "m"), 64 * Kib));
        var waiting = mailbox.TakeAsync(Key("a", "never-sent"), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(4, SpoolFiles());

        mailbox.Close("a");

        Assert.Equal(1, SpoolFiles());
        Assert.Equal(64 * Kib, mailbox.SpoolBytesHeld);
        var ex = await Assert.ThrowsAsync<FederationException>(() => waiting);
        Assert.Contains("job session a has ended", ex.Message, StringComparison.Ordinal);
        Assert.False(mailbox.HasDelivered(Key("a", "m0")));
        using (await mailbox.TakeAsync(Key("b", "m"), TimeSpan.FromSeconds(1), CancellationToken.None))
        {
        }
        Assert.Equal(0, mailbox.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles());
    }

    [Fact]
    public async Task A_delivery_that_lands_after_its_session_closed_is_dropped()
    {
        using var mailbox = new Mailbox(_options);
        var payload = await CaptureAsync(mailbox, Key("a", "slow"), 64 * Kib);

        mailbox.Close("a");

        Assert.Equal(Mailbox.Outcome.Discarded, mailbox.Deliver(Key("a", "slow"), payload));
        Assert.Equal(0, mailbox.SpoolBytesHeld);
        Assert.Equal(0, SpoolFiles());
    }

    [Fact]
    public async Task Memory_past_the_job_memory_quota_spills_to_disk_instead_of_refusing()
    {
        using var mailbox = new Mailbox(_options);

        for (var i = 0; i < 4; i++)
        {
            mailbox.Deliver(Key("a", $"m{i}"), await CaptureAsync(mailbox, Key("a", $"m{i}"), 12 * Kib));
        }

        // Two 12 KiB payloads fit the job's 32 KiB of memory; the next two wait on disk.
        Assert.Equal(24 * Kib, mailbox.MemoryBytesHeld);
        Assert.Equal(24 * Kib, mailbox.SpoolBytesHeld);
        Assert.Equal(2, SpoolFiles());
    }

    [Fact]
    public async Task The_node_spool_quota_bounds_all_sessions_together_and_names_itself()
    {
        using var mailbox = new Mailbox(_options);
        mailbox.Deliver(Key("a", "m"), await CaptureAsync(mailbox, Key("a", "m"), 192 * Kib));
        mailbox.Deliver(Key("b", "m"), await CaptureAsync(mailbox, Key("b", "m"), 192 * Kib));

        var ex = await Assert.ThrowsAsync<PayloadRefusedException>(() => CaptureAsync(mailbox, Key("c", "m"), 64 * Kib));

        Assert.Equal(PayloadRefusedException.Cause.QuotaFull, ex.Reason);
        Assert.Contains($"this node's spool folder (NodeSpoolQuota = {384 * Kib} bytes) is full", ex.Message, StringComparison.Ordinal);
        Assert.Equal(384 * Kib, mailbox.SpoolBytesHeld);
        Assert.Equal(2, SpoolFiles());
    }

    [Fact]
    public void Clearing_the_spool_deletes_only_payload_files()
    {
        Directory.CreateDirectory(_options.SpoolDirectory);
        File.WriteAllBytes(Path.Combine(_options.SpoolDirectory, "a.payload"), new byte[100]);
        File.WriteAllBytes(Path.Combine(_options.SpoolDirectory, "b.payload"), new byte[50]);
        File.WriteAllText(Path.Combine(_options.SpoolDirectory, "notes.txt"), "operator's");

        Assert.Equal((2, 150L), Mailbox.ClearSpool(_options.SpoolDirectory));
        Assert.Equal(["notes.txt"], Directory.GetFiles(_options.SpoolDirectory).Select(Path.GetFileName));
        Assert.Equal((0, 0L), Mailbox.ClearSpool(Path.Combine(_options.SpoolDirectory, "missing")));
    }

    [Fact]
    public void Whatever_arrives_is_taken_or_refused_and_closing_every_session_leaves_nothing_held()
    {
        var message =
            from session in Gen.Elements("a", "b", "c")
            from bytes in Gen.Choose(0, 80 * Kib)
            from taken in Gen.Elements(true, false)
            select (Session: session, Bytes: bytes, Taken: taken);
        var messages = message.ArrayOf();
        Prop.ForAll(messages.ToArbitrary(), script =>
        {
            using var mailbox = new Mailbox(_options);
            for (var i = 0; i < script.Length; i++)
            {
                var (session, bytes, taken) = script[i];
                var key = Key(session, $"m{i}");
                try
                {
                    mailbox.Deliver(key, CaptureAsync(mailbox, key, bytes).GetAwaiter().GetResult());
                }
                catch (PayloadRefusedException)
                {
                    continue;
                }
                if (taken)
                {
                    mailbox.TakeAsync(key, TimeSpan.FromSeconds(1), CancellationToken.None).GetAwaiter().GetResult().Dispose();
                }
                if (mailbox.MemoryBytesHeld > _options.NodeMemoryQuota || mailbox.SpoolBytesHeld > _options.NodeSpoolQuota)
                {
                    return false;
                }
            }
            foreach (var session in new[] { "a", "b", "c" })
            {
                mailbox.Close(session);
            }
            return mailbox.MemoryBytesHeld == 0 && mailbox.SpoolBytesHeld == 0 && SpoolFiles() == 0;
        }).QuickCheckThrowOnFailure();
    }
}
