using System.Numerics;
using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;
using static Concord.ML.Correlation.CorrelationProtocol;

namespace Concord.ML.Correlation;

/// <summary>
/// A host's role in hetero correlation: it computes its own block locally, turns the guest's encrypted z-scores into
/// freshly masked encrypted cross products, and opens its masks to the guest. See <see cref="CorrelationGuest"/>.
/// </summary>
public sealed class CorrelationHost(FederationContext ctx, CorrelationOptions options)
{
    public async Task<CorrelationModel> RunAsync(NumericColumns local, IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        StandardisedColumns? own = null;
        string? problem = null;
        try
        {
            own = StandardisedColumns.Of(local, options.Method);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }
        await ctx.Guest.Send(Setup, new(local.ColumnCount, ids.Count, AlignedIds.Digest(ids), problem), ct).ConfigureAwait(false);
        var plan = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (own is null)
        {
            throw new ArgumentException(problem);
        }
        if (plan.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped the correlation run: {reason}", guest);
        }

        var key = await ctx.Guest.Receive(PublicKey, ct).ConfigureAwait(false);
        var n = ids.Count;
        var encrypted = await ctx.Guest.Receive(EncryptedColumns.Under(key, count: plan.GuestColumns * n), ct).ConfigureAwait(false);
        var exponents = own.Z.Select(z => (IReadOnlyList<long>)[.. z.Select(v => FixedPointScales.Exponent(v, HostScale, "a z-score"))]).ToList();
        var products = Enumerable.Range(0, plan.GuestColumns)
            .SelectMany(g => encrypted.Gather([.. Enumerable.Range(g * n, n)]).WeightedSums(exponents)).ToList();
        var masks = Enumerable.Range(0, products.Count).Select(_ => UniformBelow(key.N.ToBigInteger())).ToArray();
        var fresh = CipherVector.Encrypt(key, [.. masks.Select(BigNat.FromBigInteger)]);
        await ctx.Guest.Send(MaskedCrossProducts, CipherVector.FromCiphertexts(key, products).Add(fresh), ct).ConfigureAwait(false);
        await ctx.Guest.Send(HostShares, masks, ct).ConfigureAwait(false);

        CrossBlock[] cross = [];
        if (options.HostLearnsCross)
        {
            var shares = await ctx.Guest.Receive(GuestShares, ct).ConfigureAwait(false);
            if (shares.Length != masks.Length)
            {
                throw new FederationException($"party {guest} sent {shares.Length} cross shares, not {masks.Length}", guest);
            }
            var byGuestColumn = CorrelationGuest.Open(key, shares, masks, plan.GuestColumns, own.Names.Count, n);
            var columns = Enumerable.Range(0, plan.GuestColumns).Select(g => CorrelationModel.Anonymous("guest", guest.Id, g)).ToArray();
            var transposed = Enumerable.Range(0, own.Names.Count).Select(j => byGuestColumn.Select(row => row[j]).ToArray()).ToArray();
            cross = [new CrossBlock(guest.Id, columns, transposed)];
        }
        return CorrelationModel.Of(options, own, cross);
    }

    /// <summary>Uniform in [0, n) up to a statistical distance of 2^−128: 128 more random bits than n has, reduced.</summary>
    private static BigInteger UniformBelow(BigInteger n) =>
        new BigInteger(RandomNumberGenerator.GetBytes((int)((n.GetBitLength() + 7) / 8) + 16), isUnsigned: true) % n;
}
