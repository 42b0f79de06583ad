using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Flow.Jobs;

namespace Concord.Flow.Tests;

public sealed class JobSessionsTests : IDisposable
{
    private readonly FederationOptions _options = new()
    {
        InMemoryPayloadLimit = 1024,
        SpoolDirectory = Path.Combine(Path.GetTempPath(), $"concord-sessions-test-{Guid.NewGuid():N}"),
    };

    public void Dispose()
    {
        if (Directory.Exists(_options.SpoolDirectory))
        {
            Directory.Delete(_options.SpoolDirectory, recursive: true);
        }
    }

    [Fact]
    public void A_session_admits_its_parties_while_it_runs_and_drops_their_late_messages_after()
    {
        using var mailbox = new Mailbox(_options);
        var sessions = new JobSessions(mailbox);

        Assert.Equal(Admission.Unknown, sessions.Admit("job-1.attempt-1", 10000));
        sessions.Open("job-1.attempt-1", [9999, 10000]);
        Assert.Equal(Admission.Accept, sessions.Admit("job-1.attempt-1", 10000));
        Assert.Equal(Admission.NotAParty, sessions.Admit("job-1.attempt-1", 10001));
        Assert.Equal(Admission.Unknown, sessions.Admit("job-1.attempt-2", 10000));

        sessions.End("job-1.attempt-1");

        Assert.Equal(Admission.Ended, sessions.Admit("job-1.attempt-1", 10000));
        Assert.Equal(Admission.NotAParty, sessions.Admit("job-1.attempt-1", 10001));
    }

    [Fact]
    public async Task Ending_a_session_deletes_the_messages_it_left_unread()
    {
        using var mailbox = new Mailbox(_options);
        var sessions = new JobSessions(mailbox);
        sessions.Open("job-1.attempt-1", [9999, 10000]);
        var key = new MessageKey("job-1.attempt-1", "scale", "junk", PartyRef.Host(10000), PartyRef.Guest(9999));
        mailbox.Deliver(key, await mailbox.CaptureAsync(key, new MemoryStream(new byte[64 * 1024]), CancellationToken.None));
        Assert.Single(Directory.GetFiles(_options.SpoolDirectory));

        sessions.End("job-1.attempt-1");

        Assert.Empty(Directory.GetFiles(_options.SpoolDirectory));
        Assert.Equal(0, mailbox.SpoolBytesHeld);
    }

    [Fact]
    public async Task A_session_opened_again_holds_messages_again()
    {
        using var mailbox = new Mailbox(_options);
        var sessions = new JobSessions(mailbox);
        var key = new MessageKey("job-1.attempt-1", "scale", "value", PartyRef.Host(10000), PartyRef.Guest(9999));
        sessions.Open("job-1.attempt-1", [9999, 10000]);
        sessions.End("job-1.attempt-1");

        sessions.Open("job-1.attempt-1", [9999, 10000]);

        Assert.Equal(Admission.Accept, sessions.Admit("job-1.attempt-1", 10000));
        Assert.Equal(Mailbox.Outcome.Accepted, mailbox.Deliver(key, await mailbox.CaptureAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None)));
        Assert.Equal(3, mailbox.MemoryBytesHeld);
    }
}
