using System.Security.Cryptography;
using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A host's answer for one layer: candidates per node, their encrypted left sums (packed), and per node what each
/// candidate in the shuffled list is, with its position in the canonical order.
/// </summary>
internal sealed record LayerCandidates(long[] Counts, CipherVector Sums, IReadOnlyDictionary<int, (int Canonical, CandidateSplit Split)[]> Listed);

/// <summary>
/// A host's encrypted histograms: per node, feature and bin, Enc(Σ g, Σ h) over the node's rows, as products of the
/// guest's row ciphertexts. Of two siblings only the smaller is summed; the other is its parent's histogram minus it.
/// From a histogram come the node's candidates (the same enumeration as every party's), whose left sums are prefix
/// products over bins. They are shuffled with a secret permutation per node, so a candidate's position tells the guest
/// nothing of its feature or bin; packed several per ciphertext; and re-randomised, so the guest cannot match a sum
/// against the row ciphertexts it made and learn which rows a bin holds.
/// </summary>
internal sealed class EncryptedHistograms(
    BinnedFeatures bins, PaillierPublicKey key, SignedPacking packing, int slotsPerRow, int perCiphertext, SecureBoostOptions options, int partyId)
{
    private CipherVector? _gradients;
    private int[] _position = [];
    private int _tree = -1;
    private int[] _sampled = [];
    private Dictionary<int, (CipherVector Histogram, int[] Rows)> _previous = [];

    /// <summary>A host's histograms under the key and packing layout of the guest's <paramref name="setup"/>, which it checks.</summary>
    public static EncryptedHistograms For(BoostSetup setup, BinnedFeatures bins, SecureBoostOptions options, int partyId)
    {
        var key = setup.PublicKey ?? throw new InvalidDataException("the setup carries no public key");
        var packing = new SignedPacking(key.Bits - 1, setup.ValueBits, setup.MaxTerms);
        if (setup.SlotsPerRow < 2 || setup.CandidatesPerCiphertext < 1 || (long)setup.SlotsPerRow * setup.CandidatesPerCiphertext > packing.SlotsPerPlaintext)
        {
            throw new InvalidDataException($"{setup.CandidatesPerCiphertext} candidates of {setup.SlotsPerRow} slots do not fit the {packing.SlotsPerPlaintext} slots of a plaintext");
        }
        return new EncryptedHistograms(bins, key, packing, setup.SlotsPerRow, setup.CandidatesPerCiphertext, options, partyId);
    }

    /// <summary>The guest's key, which every ciphertext is under.</summary>
    public PaillierPublicKey PublicKey => key;

    /// <summary>The round's row ciphertexts; <paramref name="rows"/>[i] is the row of element i.</summary>
    public void SetGradients(CipherVector gradients, int[] rows)
    {
        if (gradients.Count != rows.Length)
        {
            throw new InvalidDataException($"{gradients.Count} gradient ciphertexts arrived for {rows.Length} rows");
        }
        _position = new int[bins.RowCount];
        Array.Fill(_position, -1);
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)bins.RowCount || _position[rows[i]] >= 0)
            {
                throw new InvalidDataException($"the round lists row {rows[i]}, outside the {bins.RowCount} rows or twice");
            }
            _position[rows[i]] = i;
        }
        _gradients = gradients;
        _previous = [];
    }

    public LayerCandidates Layer(int tree, IReadOnlyList<CommandNode> nodes)
    {
        using var timing = PhaseTimer.Start(Phase.Histogram);
        if (tree != _tree)
        {
            (_tree, _previous) = (tree, []);
            _sampled = Sampling.Features(options.Seed, partyId, tree, bins.FeatureCount, options.Colsample);
        }
        var histograms = Histograms(nodes);
        var counts = new long[nodes.Count];
        var listed = new Dictionary<int, (int, CandidateSplit)[]>();
        var sums = new List<Ciphertext>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var (splits, ciphertexts) = Candidates(nodes[i], histograms[nodes[i].Node].Histogram);
            var order = Shuffle(splits.Count);
            listed[nodes[i].Node] = [.. order.Select(j => (j, splits[j]))];
            counts[i] = splits.Count;
            if (splits.Count > 0)
            {
                var shuffled = CipherVector.FromCiphertexts(key, [.. order.Select(j => ciphertexts[j])]);
                var packed = perCiphertext > 1 ? packing.Concatenate(shuffled, slotsPerRow, perCiphertext) : shuffled;
                sums.AddRange(Enumerable.Range(0, packed.Count).Select(k => packed[k]));
            }
        }
        _previous = histograms;
        return new LayerCandidates(counts, CipherVector.FromCiphertexts(key, sums).Rerandomize(), listed);
    }

    private Dictionary<int, (CipherVector Histogram, int[] Rows)> Histograms(IReadOnlyList<CommandNode> nodes)
    {
        var result = new Dictionary<int, (CipherVector, int[])>();
        foreach (var siblings in nodes.GroupBy(n => n.Parent))
        {
            var group = siblings.ToList();
            if (!_previous.TryGetValue(siblings.Key, out var parent))
            {
                group.ForEach(n => result[n.Node] = (Sum(n.Rows), n.Rows));
                continue;
            }
            // The smaller child is summed; the other is derived, whether or not it is split further.
            var small = group.MinBy(n => n.Rows.Length)!;
            var other = group.Count > 1 ? group.First(n => n != small) : null;
            var otherRows = other?.Rows ?? Except(parent.Rows, small.Rows);
            if (other is null && otherRows.Length < small.Rows.Length)
            {
                result[small.Node] = (parent.Histogram.Subtract(Sum(otherRows)), small.Rows);
                continue;
            }
            var smallHistogram = Sum(small.Rows);
            result[small.Node] = (smallHistogram, small.Rows);
            if (other is not null)
            {
                result[other.Node] = (parent.Histogram.Subtract(smallHistogram), other.Rows);
            }
        }
        return result;
    }

    private CipherVector Sum(int[] rows)
    {
        var elements = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            elements[i] = _position[rows[i]] >= 0
                ? _position[rows[i]]
                : throw new InvalidDataException($"node row {rows[i]} has no gradient ciphertext this round");
        }
        var groupOf = _sampled.Select(f =>
        {
            var codes = bins.Codes[f];
            return rows.Select(r => codes[r]).ToArray();
        }).ToList();
        return _gradients!.SumByGroup(elements, groupOf, bins.CodeCount);
    }

    /// <summary>The node's candidates in every party's order, and Enc(left sums) for each.</summary>
    private (List<CandidateSplit> Splits, List<Ciphertext> Sums) Candidates(CommandNode node, CipherVector histogram)
    {
        var splits = new List<CandidateSplit>();
        var sums = new List<Ciphertext>();
        var counts = new int[bins.CodeCount];
        for (var s = 0; s < _sampled.Length; s++)
        {
            var f = _sampled[s];
            Array.Clear(counts);
            foreach (var r in node.Rows)
            {
                counts[bins.Codes[f][r]]++;
            }
            var first = splits.Count;
            SplitCandidates.Enumerate(f, counts, bins.BinCount(f), bins.MissingCode, splits);
            if (splits.Count == first)
            {
                continue;
            }
            var cell = s * bins.CodeCount;
            var prefix = new Ciphertext[bins.BinCount(f)];
            prefix[0] = histogram[cell];
            for (var b = 1; b < prefix.Length; b++)
            {
                prefix[b] = prefix[b - 1] + histogram[cell + b];
            }
            var missing = histogram[cell + bins.MissingCode];
            for (var k = first; k < splits.Count; k++)
            {
                sums.Add(splits[k].DefaultLeft ? prefix[splits[k].Bin] + missing : prefix[splits[k].Bin]);
            }
        }
        return (splits, sums);
    }

    private static int[] Shuffle(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        return order;
    }

    /// <summary>The rows of <paramref name="all"/> not in <paramref name="some"/>; both ascending.</summary>
    private static int[] Except(int[] all, int[] some)
    {
        var result = new List<int>(all.Length - some.Length);
        var j = 0;
        foreach (var r in all)
        {
            while (j < some.Length && some[j] < r)
            {
                j++;
            }
            if (j >= some.Length || some[j] != r)
            {
                result.Add(r);
            }
        }
        return [.. result];
    }
}
