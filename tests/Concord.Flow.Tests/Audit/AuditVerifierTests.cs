using Concord.Flow.Audit;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Flow.Tests.Audit;

public sealed class AuditVerifierTests
{
    private const int Party = 9999;
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate = AuditTrails.PartyCertificate(Party);

    private static List<AuditCheckpoint> Sign(List<AuditRecord> records, params int[] at) =>
        [.. at.Select(seq => CheckpointSignature.Sign(Certificate, Party, records[seq - 1], DateTimeOffset.UtcNow))];

    private static AuditVerdict Verify(List<AuditRecord> records, List<AuditCheckpoint> checkpoints) =>
        AuditVerifier.Verify(Party, records, checkpoints, Certificate);

    [Fact]
    public void An_untouched_trail_is_intact_and_signed_through_its_last_checkpoint()
    {
        var records = AuditTrails.Chain(30);
        var verdict = Verify(records, Sign(records, 10, 30));
        Assert.True(verdict.Intact, verdict.FirstBad?.Message);
        Assert.Equal(30, verdict.SignedThrough);
    }

    [Fact]
    public void Editing_any_field_of_any_record_is_found_at_that_record()
    {
        var records = AuditTrails.Chain(25);
        var checkpoints = Sign(records, 25);
        Func<AuditRecord, AuditRecord>[] edits =
        [
            r => r with { Subject = r.Subject + "x" },
            r => r with { Kind = AuditKinds.TableDeleted },
            r => r with { JobId = "another-job" },
            r => r with { Peer = (r.Peer ?? 0) + 1 },
            r => r with { Bytes = (r.Bytes ?? 0) + 1 },
            r => r with { Digest = new string('a', 64) },
            r => r with { Actor = "someone" },
            r => r with { Detail = null },
            r => r with { At = r.At.AddMilliseconds(1) },
        ];
        Prop.ForAll(Gen.Choose(0, records.Count - 1).ToArbitrary(), Gen.Choose(0, edits.Length - 1).ToArbitrary(), (index, edit) =>
        {
            var tampered = records.ToList();
            tampered[index] = edits[edit](tampered[index]);
            var verdict = Verify(tampered, checkpoints);
            return !verdict.Intact && verdict.FirstBad!.Seq == index + 1 && verdict.FirstBad.Message.Contains("altered", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Deleting_a_record_is_found_naming_the_missing_one()
    {
        Prop.ForAll(Gen.Choose(1, 20).ToArbitrary(), seq =>
        {
            var records = AuditTrails.Chain(20);
            var checkpoints = Sign(records, 20);
            records.RemoveAt(seq - 1);
            var verdict = Verify(records, checkpoints);
            return !verdict.Intact && verdict.FirstBad!.Seq == seq && verdict.FirstBad.Message.StartsWith($"record {seq} is missing", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Swapping_two_records_is_found_at_the_first_naming_where_it_came_from()
    {
        Prop.ForAll(Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), (a, b) =>
        {
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            var records = AuditTrails.Chain(20);
            var checkpoints = Sign(records, 20);
            // Exchanging the rows' numbers, as an UPDATE of the seq column would: reading by number reorders them.
            (records[low - 1], records[high - 1]) = (records[high - 1] with { Seq = low }, records[low - 1] with { Seq = high });
            var verdict = Verify(records, checkpoints);
            return low == high
                ? verdict.Intact
                : !verdict.Intact && verdict.FirstBad!.Seq == low && verdict.FirstBad.Message == $"record {low} is out of order: it holds what was record {high}";
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Deleting_the_last_records_is_found_by_the_checkpoint_that_signed_them()
    {
        var records = AuditTrails.Chain(20);
        var checkpoints = Sign(records, 10, 20);
        var verdict = Verify(records.Take(17).ToList(), checkpoints);
        Assert.False(verdict.Intact);
        Assert.Equal(20, verdict.FirstBad!.Seq);
        Assert.Contains("removed from the end", verdict.FirstBad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trail_rewritten_and_rechained_is_found_by_the_next_signed_checkpoint()
    {
        var records = AuditTrails.Chain(20);
        var checkpoints = Sign(records, 5, 15, 20);
        records[7] = records[7] with { Detail = "rewritten" };
        var verdict = Verify(AuditTrails.Rechain(records, 7), checkpoints);
        Assert.False(verdict.Intact);
        Assert.Equal(15, verdict.FirstBad!.Seq);
        Assert.Contains("rewritten", verdict.FirstBad.Message, StringComparison.Ordinal);
        Assert.Equal(5, verdict.SignedThrough);
    }

    [Fact]
    public void A_forged_checkpoint_signature_is_found()
    {
        var records = AuditTrails.Chain(20);
        var checkpoints = Sign(records, 10, 20);
        var forger = AuditTrails.PartyCertificate(Party);
        checkpoints[0] = CheckpointSignature.Sign(forger, Party, records[9], DateTimeOffset.UtcNow);
        var bytes = Convert.FromBase64String(checkpoints[1].Signature);
        bytes[^1] ^= 1;
        checkpoints[1] = checkpoints[1] with { Signature = Convert.ToBase64String(bytes) };

        var verdict = Verify(records, checkpoints);

        Assert.Equal([10L, 20L], verdict.Problems.Select(p => p.Seq));
        Assert.All(verdict.Problems, p => Assert.Contains("not signed by party 9999's certificate", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_checkpoint_moved_to_another_time_no_longer_verifies()
    {
        var records = AuditTrails.Chain(5);
        var checkpoint = Sign(records, 5)[0];
        var verdict = Verify(records, [checkpoint with { SignedAt = checkpoint.SignedAt.AddSeconds(1) }]);
        Assert.Contains("forged or altered", Assert.Single(verdict.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_another_party_is_refused_before_verifying()
    {
        var ex = Assert.Throws<ArgumentException>(() => CheckpointSignature.RequireParty(AuditTrails.PartyCertificate(10000), Party, "trail.json"));
        Assert.Contains("trail.json is the audit trail of party 9999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("names party 10000", ex.Message, StringComparison.Ordinal);
    }
}
