using System.Buffers;
using System.Security.Cryptography;
using Concord.Crypto.KeyAgreement;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// One party's pairwise seeds with every other participant of a secure sum. Party i masks its vector as
/// x_i + Σ_{j&gt;i} PRG(s_ij) − Σ_{j&lt;i} PRG(s_ij), parties ordered by id (then role), so each pair's masks
/// cancel in the sum over all participants and in nothing less.
/// </summary>
/// <remarks>
/// A label may be used once: masking two values with the same mask would hand out their difference. Labels
/// are the message's scope and tag, which the transport also delivers once.
/// </remarks>
public sealed class PairwiseMasks : IDisposable
{
    private const int ChunkElements = 4096;

    private readonly List<(PartyRef Peer, byte[] Seed, bool Adds)> _pairs;
    private readonly HashSet<string> _usedLabels = new(StringComparer.Ordinal);

    /// <param name="seedsByPeer">The 32-byte seed shared with each peer; this object owns them and zeroes them when disposed.</param>
    public PairwiseMasks(PartyRef self, IReadOnlyDictionary<PartyRef, byte[]> seedsByPeer)
    {
        Self = self;
        _pairs = [.. seedsByPeer
            .OrderBy(p => p.Key, Comparer<PartyRef>.Create(Compare))
            .Select(p => (p.Key, p.Value, Adds: Compare(self, p.Key) < 0))];
        if (_pairs.Any(p => p.Peer == self))
        {
            throw new ArgumentException($"party {self} cannot share a mask seed with itself");
        }
    }

    public PartyRef Self { get; }

    /// <summary>The canonical order of parties that decides who adds and who subtracts a pair's mask.</summary>
    public static int Compare(PartyRef a, PartyRef b) => (a.Id, a.Role).CompareTo((b.Id, b.Role));

    /// <summary>The mask label of one message: its scope and tag, unique within a job.</summary>
    public static string LabelFor(FederationContext ctx, Tag<UInt128[]> tag) => $"{ctx.Scope}/{tag.Name}";

    /// <summary>Returns values + this party's masks for <paramref name="label"/>; the input is left as it was.</summary>
    /// <param name="limbs">UInt128 limbs per ring element: 1 for Z_2^128, 2 for Z_2^256.</param>
    public UInt128[] Mask(ReadOnlySpan<UInt128> values, string label, int limbs = 1)
    {
        Ring.CheckShape(values.Length, limbs);
        lock (_usedLabels)
        {
            if (!_usedLabels.Add(label))
            {
                throw new InvalidOperationException($"the masks labelled \"{label}\" were already used; using them twice would reveal the difference of two values");
            }
        }
        var masked = values.ToArray();
        var chunk = ChunkElements - ChunkElements % limbs;
        var buffer = ArrayPool<UInt128>.Shared.Rent(Math.Min(masked.Length, chunk));
        try
        {
            foreach (var (_, seed, adds) in _pairs)
            {
                using var prg = new MaskGenerator(seed, label);
                for (var offset = 0; offset < masked.Length; offset += chunk)
                {
                    var target = masked.AsSpan(offset, Math.Min(chunk, masked.Length - offset));
                    var mask = buffer.AsSpan(0, target.Length);
                    prg.Fill(mask);
                    if (adds)
                    {
                        Ring.Add(target, mask, limbs);
                    }
                    else
                    {
                        Ring.Subtract(target, mask, limbs);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<UInt128>.Shared.Return(buffer, clearArray: true);
        }
        return masked;
    }

    public void Dispose()
    {
        foreach (var (_, seed, _) in _pairs)
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
