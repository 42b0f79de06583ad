using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Federation.Messaging.Codecs;

namespace Concord.Federation.Messaging;

/// <summary>
/// The default codec for each payload type; records and other shapes fall back to JSON. Ciphertexts have no default:
/// they need the key to be read, so they travel under an <see cref="EncryptedTag{T}"/>.
/// </summary>
public static class PayloadCodecs
{
    public static IPayloadCodec<T> For<T>() => Cache<T>.Codec;

    private static class Cache<T>
    {
        public static readonly IPayloadCodec<T> Codec = Create();

        private static IPayloadCodec<T> Create()
        {
            object codec = typeof(T) switch
            {
                var t when t == typeof(byte[]) => new BytesCodec(),
                var t when t == typeof(byte[][]) => new ByteVectorCodec(),
                var t when t == typeof(double[]) => new PrimitiveArrayCodec<double>(),
                var t when t == typeof(long[]) => new PrimitiveArrayCodec<long>(),
                var t when t == typeof(ulong[]) => new PrimitiveArrayCodec<ulong>(),
                var t when t == typeof(UInt128[]) => new PrimitiveArrayCodec<UInt128>(),
                var t when t == typeof(BigInteger[]) => new BigIntegerVectorCodec(),
                var t when t == typeof(PaillierPublicKey) => PaillierKeyCodecs.Public,
                var t when t == typeof(PaillierPrivateKey) => PaillierKeyCodecs.Private,
                _ => new JsonCodec<T>(),
            };
            return (IPayloadCodec<T>)codec;
        }
    }
}
