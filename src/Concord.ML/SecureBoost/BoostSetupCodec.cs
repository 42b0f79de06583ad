using Concord.Crypto.Paillier;
using Concord.Federation.Messaging;

namespace Concord.ML.SecureBoost;

/// <summary>
/// <see cref="BoostSetup"/> on the wire: the packing layout (or the refusal) as JSON, then, unless training stops, the
/// public key in the federation's key codec, which checks its size and parses it on receipt.
/// </summary>
internal sealed class BoostSetupCodec : IPayloadCodec<BoostSetup>
{
    private static readonly IPayloadCodec<Layout> Json = PayloadCodecs.For<Layout>();
    private static readonly IPayloadCodec<PaillierPublicKey> Key = PayloadCodecs.For<PaillierPublicKey>();

    public async ValueTask WriteAsync(BoostSetup value, Stream destination, CancellationToken ct)
    {
        await Json.WriteAsync(new Layout(value.ValueBits, value.MaxTerms, value.SlotsPerRow, value.CandidatesPerCiphertext, value.Rejection), destination, ct).ConfigureAwait(false);
        if (value.Rejection is null)
        {
            await Key.WriteAsync(value.PublicKey ?? throw new ArgumentException("a setup that does not stop training carries the public key"), destination, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask<BoostSetup> ReadAsync(Stream source, CancellationToken ct)
    {
        var layout = await Json.ReadAsync(source, ct).ConfigureAwait(false);
        var key = layout.Rejection is null ? await Key.ReadAsync(source, ct).ConfigureAwait(false) : null;
        return new BoostSetup(key, layout.ValueBits, layout.MaxTerms, layout.SlotsPerRow, layout.CandidatesPerCiphertext, layout.Rejection);
    }

    internal sealed record Layout(int ValueBits, long MaxTerms, int SlotsPerRow, int CandidatesPerCiphertext, string? Rejection);
}
