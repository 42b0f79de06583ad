using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>
/// The messages of <see cref="AggregationKind.Paillier"/>: the guest makes a key and hands it to the other clients
/// directly (over their mutually authenticated channels, never through the arbiter); the arbiter gets only the public
/// key, adds the clients' packed ciphertexts and hands the encrypted sum back to every client to decrypt.
/// </summary>
internal static class PaillierAggregationProtocol
{
    /// <summary>Guest → hosts, once: the private key every client decrypts sums with.</summary>
    public static readonly Tag<PaillierPrivateKey> PrivateKey = new("paillier_private_key");

    /// <summary>Guest → arbiter, once: the public key, to add ciphertexts and encrypt central-DP noise.</summary>
    public static readonly Tag<PaillierPublicKey> PublicKey = new("paillier_public_key");

    /// <summary>Client → arbiter, per round: its update packed and encrypted.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedUpdate = EncryptedTag.Vector("encrypted_update");

    /// <summary>Arbiter → clients, per round: the encrypted sum of the included updates (and noise).</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedSum = EncryptedTag.Vector("encrypted_sum");

    /// <summary>The ciphertexts of <paramref name="length"/> values packed <see cref="PackingScheme.SlotsPerPlaintext"/> to one.</summary>
    public static int Ciphertexts(PackingScheme scheme, int length) => (length + scheme.SlotsPerPlaintext - 1) / scheme.SlotsPerPlaintext;

    /// <summary>
    /// How values are packed: 64-bit fixed-point slots with headroom for a sum of every client and one noise vector.
    /// A 2048-bit key packs 30 values per ciphertext, so a million parameters are about 33,000 ciphertexts per client.
    /// </summary>
    public static PackingScheme Scheme(PaillierPublicKey key, HomoSettings settings, int clients) =>
        PackingScheme.For(key, valueBits: 64, settings.FractionBits, maxTerms: clients + 1);
}

/// <summary>The client's side of Paillier aggregation.</summary>
public sealed class PaillierClientAggregation(HomoSettings settings) : IClientAggregation
{
    private PaillierPrivateKey _key = null!;
    private PackingScheme _scheme = null!;

    public async Task SetupAsync(FederationContext ctx, CancellationToken ct)
    {
        var scope = ctx.Sub("paillier");
        var clients = HomoRoles.Clients(ctx).Count;
        if (ctx.Self == ctx.Roster.Guest)
        {
            _key = await Task.Run(() => PaillierKeyGenerator.Generate(settings.KeyBits, cancellationToken: ct).PrivateKey, ct).ConfigureAwait(false);
            await Task.WhenAll(
                scope.Hosts.Send(PaillierAggregationProtocol.PrivateKey, _key, ct),
                scope.Arbiter.Send(PaillierAggregationProtocol.PublicKey, _key.PublicKey, ct)).ConfigureAwait(false);
        }
        else
        {
            _key = await scope.Guest.Receive(PaillierAggregationProtocol.PrivateKey, ct).ConfigureAwait(false);
        }
        _scheme = PaillierAggregationProtocol.Scheme(_key.PublicKey, settings, clients);
    }

    public async Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct)
    {
        var packed = await Task.Run(() => PackedCiphertext.Encrypt(_key.PublicKey, _scheme, update), ct).ConfigureAwait(false);
        var vector = CipherVector.FromCiphertexts(_key.PublicKey, [.. packed.Select(p => p.Ciphertext)]);
        await round.Sub("paillier").Arbiter.Send(PaillierAggregationProtocol.EncryptedUpdate, vector, ct).ConfigureAwait(false);
    }

    public async Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct)
    {
        var scope = round.Sub("paillier");
        var k = _scheme.SlotsPerPlaintext;
        var sum = await scope.Arbiter.Receive(PaillierAggregationProtocol.EncryptedSum.Under(_key.PublicKey, PaillierAggregationProtocol.Ciphertexts(_scheme, length)), ct).ConfigureAwait(false);
        // Each slot sums one term per included update, and one more for the arbiter's central-DP noise.
        var terms = (long)included + (settings.Dp.Mode == DpMode.Central ? 1 : 0);
        var parts = Enumerable.Range(0, sum.Count)
            .Select(i => PackedCiphertext.FromParts(sum[i], _scheme, Enumerable.Repeat(terms, Math.Min(k, length - (i * k))).ToArray()))
            .ToList();
        return await Task.Run(() => PackedCiphertext.Decrypt(_key, parts), ct).ConfigureAwait(false);
    }
}

/// <summary>The arbiter's side of Paillier aggregation: it adds ciphertexts it cannot decrypt.</summary>
public sealed class PaillierArbiterAggregation(HomoSettings settings) : IArbiterAggregation
{
    private PaillierPublicKey _key = null!;
    private PackingScheme _scheme = null!;
    private CipherVector? _sum;

    public async Task SetupAsync(FederationContext ctx, CancellationToken ct)
    {
        _key = await ctx.Sub("paillier").Guest.Receive(PaillierAggregationProtocol.PublicKey, ct).ConfigureAwait(false);
        if (_key.Bits < 1024)
        {
            throw new FederationException($"the guest's Paillier key has {_key.Bits} bits; below 1024 is refused", ctx.Roster.Guest);
        }
        _scheme = PaillierAggregationProtocol.Scheme(_key, settings, HomoRoles.Clients(ctx).Count);
    }

    public async Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct)
    {
        var scope = round.Sub("paillier");
        var update = PaillierAggregationProtocol.EncryptedUpdate.Under(_key, PaillierAggregationProtocol.Ciphertexts(_scheme, length));
        var arrived = await Stragglers.ReceiveWithinAsync(scope, participants, update, settings.RoundDeadline, null, ct).ConfigureAwait(false);
        CipherVector? sum = null;
        foreach (var (_, vector) in arrived)
        {
            sum = sum is null ? vector : sum.Add(vector);
        }
        if (sum is not null && noise is not null)
        {
            var encryptedNoise = PackedCiphertext.Encrypt(_key, _scheme, noise);
            sum = sum.Add(CipherVector.FromCiphertexts(_key, [.. encryptedNoise.Select(p => p.Ciphertext)]));
        }
        _sum = sum;
        return new RoundSum(null, [.. arrived.Select(a => a.Party)]);
    }

    public async Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct)
    {
        var sum = _sum ?? throw new InvalidOperationException("no round was summed");
        await Stragglers.SendToEachAsync(round.Sub("paillier"), clients, PaillierAggregationProtocol.EncryptedSum, sum, ct).ConfigureAwait(false);
        _sum = null;
    }
}
