using Concord.Crypto.Paillier;
using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// The guest's setup travels as the packing layout in JSON followed by the public key in the federation's key codec
/// (it was one JSON object with the key's bytes in base64): the key arrives parsed and size-checked, a refusal carries none.
/// </summary>
public class BoostSetupCodecTests
{
    private static async Task<BoostSetup> RoundTripAsync(BoostSetup setup)
    {
        using var stream = new MemoryStream();
        await SecureBoostProtocol.Setup.Codec.WriteAsync(setup, stream, default);
        stream.Position = 0;
        var read = await SecureBoostProtocol.Setup.Codec.ReadAsync(stream, default);
        Assert.Equal(stream.Length, stream.Position);
        return read;
    }

    [Fact]
    public async Task A_setup_arrives_with_its_key_and_layout_and_a_refusal_without_a_key()
    {
        var key = PaillierKeyGenerator.Generate(1024).PublicKey;
        var setup = await RoundTripAsync(new BoostSetup(key, 54, 1000, 2, 8, null));
        Assert.Equal(key, setup.PublicKey);
        Assert.Equal((54, 1000L, 2, 8, (string?)null), (setup.ValueBits, setup.MaxTerms, setup.SlotsPerRow, setup.CandidatesPerCiphertext, setup.Rejection));

        var refusal = await RoundTripAsync(new BoostSetup(null, 0, 0, 0, 0, "feature \"x2\" is missing"));
        Assert.Null(refusal.PublicKey);
        Assert.Equal("feature \"x2\" is missing", refusal.Rejection);
    }

    [Fact]
    public async Task A_setup_that_does_not_stop_training_must_carry_a_key()
    {
        using var stream = new MemoryStream();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SecureBoostProtocol.Setup.Codec.WriteAsync(new BoostSetup(null, 54, 1000, 2, 8, null), stream, default).AsTask());
        Assert.Contains("carries the public key", error.Message, StringComparison.Ordinal);
    }
}
