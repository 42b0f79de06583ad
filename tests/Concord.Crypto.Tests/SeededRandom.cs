using System.Security.Cryptography;

namespace Concord.Crypto.Tests;

/// <summary>A reproducible byte stream (SHA-256 in counter mode over a seed), so that keys and ciphertexts repeat across runs and backends.</summary>
internal sealed class SeededRandom(int seed) : RandomNumberGenerator
{
    private readonly byte[] _block = new byte[32];
    private long _counter;
    private int _used = 32;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        Span<byte> input = stackalloc byte[12];
        for (var i = 0; i < data.Length; i++)
        {
            if (_used == _block.Length)
            {
                BitConverter.TryWriteBytes(input, seed);
                BitConverter.TryWriteBytes(input[4..], _counter++);
                SHA256.HashData(input, _block);
                _used = 0;
            }
            data[i] = _block[_used++];
        }
    }
}
