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
/// rewritten and re-chained from some record on contradicts the first signed checkpoint after it. Records stream
/// through once; only the digests at the checkpoints are kept.
/// </summary>
public static class AuditVerifier
{
    /// <param name="observe">Shown every record as it passes, e.g. to keep one job's messages for reconciliation.</param>
    public static async Task<AuditVerdict> VerifyAsync(int party, IReadOnlyList<AuditCheckpoint> checkpoints, IAsyncEnumerable<AuditRecord> records,
        X509Certificate2 certificate, Action<AuditRecord>? observe = null, CancellationToken ct = default)
    {
        var chain = new ChainCheck(checkpoints);
        await foreach (var record in records.WithCancellation(ct).ConfigureAwait(false))
        {
            chain.Add(record);
            observe?.Invoke(record);
        }
        return chain.Finish(party, checkpoints, certificate);
    }

    public static AuditVerdict Verify(int party, IReadOnlyList<AuditRecord> records, IReadOnlyList<AuditCheckpoint> checkpoints, X509Certificate2 certificate)
    {
        var chain = new ChainCheck(checkpoints);
        foreach (var record in records)
        {
            chain.Add(record);
        }
        return chain.Finish(party, checkpoints, certificate);
    }

    private sealed class ChainCheck(IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        private readonly Dictionary<long, string?> _signedHashes = checkpoints.Select(c => c.Seq).Distinct().ToDictionary(seq => seq, _ => (string?)null);
        private readonly List<AuditProblem> _problems = [];
        private string _previous = AuditChain.Genesis;
        private long _count;
        private AuditRecord? _altered;

        public void Add(AuditRecord record)
        {
            var expected = ++_count;
            if (_signedHashes.ContainsKey(record.Seq))
            {
                _signedHashes[record.Seq] = record.Hash;
            }
            if (_problems.Count > 0 || _altered is not null)
            {
                // After the first break every later record is suspect; the checkpoints still say how far the trail holds.
                return;
            }
            if (record.Seq != expected)
            {
                _problems.Add(new AuditProblem(expected, record.Seq > expected
                    ? $"record {expected} is missing: {(expected == 1 ? "the trail starts with" : $"record {expected - 1} is followed by")} record {record.Seq}"
                    : $"record {expected} is out of order: record {record.Seq} stands in its place"));
            }
            else if (AuditChain.HashOf(record) != record.Hash)
            {
                // Named once the count is known: the record may have been moved here from anywhere in the trail.
                _altered = record;
            }
            else if (record.PreviousHash != _previous)
            {
                _problems.Add(new AuditProblem(record.Seq,
                    $"record {record.Seq} does not follow record {record.Seq - 1}: the chain is broken there (a record was altered and re-hashed, removed or moved)"));
            }
            _previous = record.Hash;
        }

        public AuditVerdict Finish(int party, IReadOnlyList<AuditCheckpoint> checkpoints, X509Certificate2 certificate)
        {
            if (_altered is { } altered)
            {
                _problems.Add(new AuditProblem(altered.Seq, MovedFrom(altered, _count) is long original
                    ? $"record {altered.Seq} is out of order: it holds what was record {original}"
                    : $"record {altered.Seq} ({altered.Kind} {altered.Subject}) was altered: its fields do not match its digest"));
            }
            var signedThrough = 0L;
            foreach (var checkpoint in checkpoints)
            {
                var hash = _signedHashes[checkpoint.Seq];
                if (!CheckpointSignature.IsValid(certificate, party, checkpoint))
                {
                    _problems.Add(new AuditProblem(checkpoint.Seq, $"the checkpoint at record {checkpoint.Seq} is not signed by party {party}'s certificate: it was forged or altered"));
                }
                else if (hash is null)
                {
                    _problems.Add(new AuditProblem(checkpoint.Seq, $"record {checkpoint.Seq} is missing, but party {party} signed a checkpoint at it: records were removed from the end"));
                }
                else if (hash != checkpoint.Hash)
                {
                    _problems.Add(new AuditProblem(checkpoint.Seq, $"record {checkpoint.Seq} differs from the one party {party} signed at its checkpoint: the trail up to it was rewritten"));
                }
                else
                {
                    signedThrough = Math.Max(signedThrough, checkpoint.Seq);
                }
            }
            return new AuditVerdict(party, _count, checkpoints.Count, signedThrough, [.. _problems.OrderBy(p => p.Seq)]);
        }
    }

    /// <summary>
    /// The number under which a record's fields do match its digest, when there is one: the record was moved there
    /// from that place. Searched only once, for the first bad record.
    /// </summary>
    private static long? MovedFrom(AuditRecord record, long count)
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
