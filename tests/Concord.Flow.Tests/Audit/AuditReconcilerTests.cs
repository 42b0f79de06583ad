using Concord.Flow.Audit;

namespace Concord.Flow.Tests.Audit;

public sealed class AuditReconcilerTests
{
    private const string Job = "job-1";

    private static AuditEvent Message(string kind, int peer, string tag, string digest, long bytes = 10) =>
        new(kind, $"{Job}.attempt-1/psi_0/{tag}") { JobId = Job, Peer = peer, Bytes = bytes, Digest = digest };

    private static JobTrail Trail(int party, params AuditEvent[] events)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        foreach (var e in events)
        {
            records.Add(AuditChain.Link(records.Count + 1, e, previous));
            previous = records[^1].Hash;
        }
        return new JobTrail(party, records);
    }

    private static (JobTrail Guest, JobTrail Host) Exchange(bool dropAtHost = false, string hostDigest = "bb")
    {
        var guest = Trail(9999,
            Message(AuditKinds.MessageSent, 10000, "a", "aa"),
            Message(AuditKinds.MessageSent, 10000, "b", "bb"),
            Message(AuditKinds.MessageReceived, 10000, "c", "cc"),
            Message(AuditKinds.MessageSent, 10001, "a", "aa"));
        var host = Trail(10000, [
            Message(AuditKinds.MessageReceived, 9999, "a", "aa"),
            .. dropAtHost ? Array.Empty<AuditEvent>() : [Message(AuditKinds.MessageReceived, 9999, "b", hostDigest)],
            Message(AuditKinds.MessageSent, 9999, "c", "cc"),
            new AuditEvent(AuditKinds.TableRead, "bench/x") { JobId = Job }]);
        return (guest, host);
    }

    [Fact]
    public void Matching_trails_reconcile_in_both_directions()
    {
        var (guest, host) = Exchange();
        var result = AuditReconciler.Reconcile(Job, guest, host);
        Assert.True(result.Consistent, string.Join("; ", result.Mismatches));
        Assert.Equal(3, result.Compared);
    }

    [Fact]
    public void A_message_dropped_from_the_receivers_trail_is_reported_with_the_senders_record()
    {
        var (guest, host) = Exchange(dropAtHost: true);
        var mismatch = Assert.Single(AuditReconciler.Reconcile(Job, guest, host).Mismatches);
        Assert.Equal($"{Job}.attempt-1/psi_0/b", mismatch.Subject);
        Assert.Equal("party 9999 recorded sending it (record 2), but party 10000 has no record of receiving it", mismatch.Problem);
    }

    [Fact]
    public void A_message_dropped_from_the_senders_trail_is_reported_with_the_receivers_record()
    {
        var (_, host) = Exchange();
        var guest = Trail(9999, Message(AuditKinds.MessageSent, 10000, "a", "aa"), Message(AuditKinds.MessageReceived, 10000, "c", "cc"));
        var mismatch = Assert.Single(AuditReconciler.Reconcile(Job, guest, host).Mismatches);
        Assert.Equal("party 10000 recorded receiving it (record 2), but party 9999 has no record of sending it", mismatch.Problem);
    }

    [Fact]
    public void A_payload_that_differs_between_the_two_sides_is_reported()
    {
        var (guest, host) = Exchange(hostDigest: "ff");
        var mismatch = Assert.Single(AuditReconciler.Reconcile(Job, guest, host).Mismatches);
        Assert.Contains("SHA-256 bb", mismatch.Problem, StringComparison.Ordinal);
        Assert.Contains("SHA-256 ff", mismatch.Problem, StringComparison.Ordinal);
    }
}
