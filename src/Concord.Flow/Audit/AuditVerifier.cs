using System.Security.Cryptography.X509Certificates;

namespace Concord.Flow.Audit;

/// <summary>One thing wrong with a trail, at the record it concerns.</summary>
public sealed record AuditProblem(long Seq, string Message);

/// <summary>
/// What <see cref="AuditVerifier"/> found: every problem, by record, the first of which names the first bad record;
/// and how far the signed checkpoints vouch for the trail (records after the last one could be removed unseen).
/// </summary>
public sealed record AuditVerdict(int Party, long Records, int Checkpoints, long SignedThrough, IReadOnlyList<AuditProblem> Problems)
{
    public bool Intact => Problems.Count == 0;

    public AuditProblem? FirstBad => Problems.Count == 0 ? null : Problems[0];
}

/// <summary>
/// Checks a party's whole trail: records numbered 1, 2, 3, ... without a gap, each carrying the digest of its own
/// fields and of the record before it; and each checkpoint signed by the party's certificate over a record that is
/// there with that digest. So an edited, removed or moved record breaks the chain where it was, and a trail
/// rewritten and re-chained from some record on contradicts the first signed checkpoint after it.
/// </summary>
public static class AuditVerifier
{
    public static AuditVerdict Verify(int party, IReadOnlyList<AuditRecord> records, IReadOnlyList<AuditCheckpoint> checkpoints, X509Certificate2 certificate)
    {
        var problems = new List<AuditProblem>();
        CheckChain(records, problems);
        var bySeq = new Dictionary<long, AuditRecord>();
        foreach (var record in records)
        {
            bySeq.TryAdd(record.Seq, record);
        }
        var signedThrough = 0L;
        foreach (var checkpoint in checkpoints)
        {
            if (!CheckpointSignature.IsValid(certificate, party, checkpoint))
            {
                problems.Add(new AuditProblem(checkpoint.Seq, $"the checkpoint at record {checkpoint.Seq} is not signed by party {party}'s certificate: it was forged or altered"));
            }
            else if (!bySeq.TryGetValue(checkpoint.Seq, out var record))
            {
                problems.Add(new AuditProblem(checkpoint.Seq, $"record {checkpoint.Seq} is missing, but party {party} signed a checkpoint at it: records were removed from the end"));
            }
            else if (record.Hash != checkpoint.Hash)
            {
                problems.Add(new AuditProblem(checkpoint.Seq, $"record {checkpoint.Seq} differs from the one party {party} signed at its checkpoint: the trail up to it was rewritten"));
            }
            else
            {
                signedThrough = Math.Max(signedThrough, checkpoint.Seq);
            }
        }
        var ordered = problems.OrderBy(p => p.Seq).ToList();
        return new AuditVerdict(party, records.Count, checkpoints.Count, signedThrough, ordered);
    }

    private static void CheckChain(IReadOnlyList<AuditRecord> records, List<AuditProblem> problems)
    {
        var previous = AuditChain.Genesis;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var expected = i + 1L;
            if (record.Seq != expected)
            {
                problems.Add(new AuditProblem(expected, record.Seq > expected
                    ? $"record {expected} is missing: {(expected == 1 ? "the trail starts" : $"record {expected - 1} is followed by")} record {record.Seq}"
                    : $"record {expected} is out of order: record {record.Seq} stands in its place"));
                return;
            }
            if (AuditChain.HashOf(record) != record.Hash)
            {
                problems.Add(new AuditProblem(record.Seq, MovedFrom(record, records.Count) is long original
                    ? $"record {record.Seq} is out of order: it holds what was record {original}"
                    : $"record {record.Seq} ({record.Kind} {record.Subject}) was altered: its fields do not match its digest"));
                return;
            }
            if (record.PreviousHash != previous)
            {
                problems.Add(new AuditProblem(record.Seq,
                    $"record {record.Seq} does not follow record {record.Seq - 1}: the chain is broken there (a record was altered and re-hashed, removed or moved)"));
                return;
            }
            previous = record.Hash;
        }
    }

    /// <summary>
    /// The number under which a record's fields do match its digest, when there is one: the record was moved there
    /// from that place. Searched only once, for the first bad record.
    /// </summary>
    private static long? MovedFrom(AuditRecord record, int count)
    {
        for (var seq = 1L; seq <= count; seq++)
        {
            if (seq != record.Seq && AuditChain.HashOf(record with { Seq = seq }) == record.Hash)
            {
                return seq;
            }
        }
        return null;
    }
}
