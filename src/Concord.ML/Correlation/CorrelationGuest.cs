using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.HeteroLinear;
using static Concord.ML.Correlation.CorrelationProtocol;

namespace Concord.ML.Correlation;

/// <summary>
/// The guest's role in FATE's hetero Pearson (and Spearman) correlation on rows aligned by PSI. The guest learns its
/// own block in plaintext and, for every host, the cross block Σ_i z_g·z_h / n with the host's columns anonymous.
/// </summary>
/// <remarks>
/// <para>
/// The protocol, with z the column z-scores each party computes locally (Spearman: of the column's average ranks):
/// 1. each host sends its column count, row count and a digest of its ordered ids; the guest answers with its column
///    count or the reason it stops (misaligned rows, a host's constant column, a block that would reveal columns);
/// 2. the guest sends its Paillier public key and Enc(z_g) for every column and row;
/// 3. each host computes Enc(Σ_i z_g·z_h) by multi-exponentiation with its plaintext z_h, adds a fresh Enc(r) with r
///    uniform in Z_n per entry, and sends that; the guest decrypts r + Σ z_g·z_h, its additive share, so the
///    cross block is now shared between them;
/// 4. the host opens its shares r to the guest; under host_learns_cross the guest also opens its shares to the host.
/// </para>
/// <para>
/// What each party learns (semi-honest, no collusion): hosts see only ciphertexts under the guest's key and, when the
/// job asks, the cross block; the guest sees uniform masked sums, then the cross block. Neither learns the other's
/// column names, values or scale. The cross block itself is k linear projections of each host column (k guest columns):
/// inherent to the output, and why a party with at least n − 1 columns is refused, as its block would pin the other's
/// z-scores down. Host-to-host blocks are not computed (as in FATE). Row count and column counts are public.
/// </para>
/// </remarks>
public sealed class CorrelationGuest(FederationContext ctx, CorrelationOptions options)
{
    /// <summary>A key pair to use instead of a fresh one: for tests that decrypt what the guest decrypts.</summary>
    internal PaillierKeyPair? Key { get; init; }

    public async Task<CorrelationModel> RunAsync(NumericColumns local, IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        var setups = await ctx.Hosts.ReceiveAll(Setup, ct).ConfigureAwait(false);
        StandardisedColumns own;
        try
        {
            own = StandardisedColumns.Of(local, options.Method);
            Check(setups, ids, own.Names.Count);
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(Plan, new(0, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Hosts.Send(Plan, new(own.Names.Count, null), ct).ConfigureAwait(false);

        var key = Key ?? await Task.Run(() => PaillierKeyGenerator.Generate(options.KeyBits, cancellationToken: ct), ct).ConfigureAwait(false);
        await ctx.Hosts.Send(PublicKey, key.PublicKey, ct).ConfigureAwait(false);
        var encoded = own.Z.SelectMany(z => z.Select(v => FixedPointScales.Encode(key.PublicKey, v, GuestScale))).ToList();
        await ctx.Hosts.Send(EncryptedColumns, CipherVector.Encrypt(key.PrivateKey, encoded), ct).ConfigureAwait(false);

        var entries = own.Names.Count;
        var masked = await ctx.Hosts.ReceiveAll(MaskedCrossProducts.Under(key.PublicKey), ct).ConfigureAwait(false);
        var cross = new CrossBlock[setups.Count];
        for (var h = 0; h < setups.Count; h++)
        {
            var host = ctx.Roster.Hosts[h];
            RequireCount(host, "masked cross products", masked[h].Count, entries * setups[h].Columns);
            var shares = masked[h].Decrypt(key.PrivateKey).Select(m => m.ToBigInteger()).ToArray();
            var opened = await ctx.Hosts[h].Receive(HostShares, ct).ConfigureAwait(false);
            RequireCount(host, "cross shares", opened.Length, shares.Length);
            if (options.HostLearnsCross)
            {
                await ctx.Hosts[h].Send(GuestShares, shares, ct).ConfigureAwait(false);
            }
            var columns = Enumerable.Range(0, setups[h].Columns).Select(j => CorrelationModel.Anonymous("host", host.Id, j)).ToArray();
            cross[h] = new CrossBlock(host.Id, columns, Open(key.PublicKey, shares, opened, entries, setups[h].Columns, ids.Count));
        }
        return CorrelationModel.Of(options, own, cross);
    }

    /// <summary>Block [guest column][host column] = (share + other share) / (scale · n), both shares laid out guest column by guest column.</summary>
    internal static double[][] Open(PaillierPublicKey key, BigInteger[] shares, BigInteger[] masks, int rows, int columns, int n) =>
        [.. Enumerable.Range(0, rows).Select(g => Enumerable.Range(0, columns)
            .Select(j => FixedPointScales.Decode(key, shares[(g * columns) + j], masks[(g * columns) + j], GuestScale * HostScale) / n).ToArray())];

    private void Check(IReadOnlyList<HostSetup> setups, IReadOnlyList<string> ids, int guestColumns)
    {
        for (var h = 0; h < setups.Count; h++)
        {
            var host = ctx.Roster.Hosts[h];
            if (setups[h].Problem is string problem)
            {
                throw new ArgumentException($"party {host} cannot take part: {problem}");
            }
            if (setups[h].Columns >= ids.Count - 1 && options.HostLearnsCross)
            {
                throw new ArgumentException($"party {host} has {setups[h].Columns} columns for {ids.Count} rows: its cross block would reveal the guest's standardised columns; turn host_learns_cross off");
            }
        }
        if (guestColumns >= ids.Count - 1)
        {
            throw new ArgumentException($"the guest has {guestColumns} columns for {ids.Count} rows: its cross blocks would reveal the hosts' standardised columns");
        }
        AlignedIds.Require(ids, [.. setups.Select(s => s.IdDigest)], ctx.Roster.Hosts);
    }

    private static void RequireCount(PartyRef host, string what, int got, int expected)
    {
        if (got != expected)
        {
            throw new Federation.FederationException($"party {host} sent {got} {what}, not {expected}", host);
        }
    }
}
