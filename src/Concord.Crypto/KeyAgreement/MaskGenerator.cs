using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Concord.Crypto.KeyAgreement;

/// <summary>
/// A pseudorandom mask stream: AES-128 in counter mode, keyed by HKDF-Expand(seed, label). Each label (a use
/// and a round) gets its own key, so two labels never share keystream. Output is a fixed function of
/// (seed, label, position); both holders of a pairwise seed generate the same masks.
/// </summary>
/// <remarks>
/// Speed matters: masking a model of a million parameters per round is the planned heavy use. Counter blocks
/// are written straight into the caller's buffer and encrypted in place, 256 KiB per AES call, with no
/// allocation per element.
/// </remarks>
public sealed class MaskGenerator : IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private const string Domain = "concord/mask-prg/v1:";

    private readonly Aes _aes;
    private UInt128 _nextBlock;

    static MaskGenerator()
    {
        if (!BitConverter.IsLittleEndian)
        {
            // Both ends must read the keystream into the same integers.
            throw new PlatformNotSupportedException("Concord's masks are defined over little-endian integers");
        }
    }

    public MaskGenerator(ReadOnlySpan<byte> seed, string label)
    {
        if (seed.Length != PairwiseSeed.Length)
        {
            throw new ArgumentException($"mask seed must be {PairwiseSeed.Length} bytes, not {seed.Length}", nameof(seed));
        }
        var key = new byte[16];
        HKDF.Expand(HashAlgorithmName.SHA256, seed, key, System.Text.Encoding.UTF8.GetBytes(Domain + label));
        _aes = Aes.Create();
        _aes.Key = key;
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>
    /// Moves to the stream's <paramref name="block"/>-th 16-byte block, so that parts of one long mask can be made
    /// independently (in parallel) and still equal the whole stream: counter mode has random access.
    /// </summary>
    public void Seek(UInt128 block) => _nextBlock = block;

    /// <summary>Fills with uniform 128-bit values, continuing the stream where the last fill stopped.</summary>
    public void Fill(Span<UInt128> destination) => FillBlocks(MemoryMarshal.AsBytes(destination));

    /// <summary>Fills with uniform 64-bit values; an odd last element takes the low half of a fresh block.</summary>
    public void Fill(Span<ulong> destination)
    {
        var paired = destination.Length & ~1;
        FillBlocks(MemoryMarshal.AsBytes(destination[..paired]));
        if (paired < destination.Length)
        {
            Span<UInt128> last = stackalloc UInt128[1];
            Fill(last);
            destination[paired] = (ulong)last[0];
        }
    }

    private void FillBlocks(Span<byte> destination)
    {
        for (var offset = 0; offset < destination.Length; offset += ChunkBytes)
        {
            var chunk = destination.Slice(offset, Math.Min(ChunkBytes, destination.Length - offset));
            WriteCounters(MemoryMarshal.Cast<byte, ulong>(chunk));
            _aes.EncryptEcb(chunk, chunk, PaddingMode.None);
        }
    }

    /// <summary>
    /// The next counter blocks, as little-endian (low, high) word pairs: the bytes of UInt128 values, written a word at
    /// a time because UInt128 arithmetic per block cost more than the AES itself.
    /// </summary>
    private void WriteCounters(Span<ulong> words)
    {
        var blocks = words.Length / 2;
        var low = (ulong)_nextBlock;
        var high = (ulong)(_nextBlock >> 64);
        var i = 0;
        if (low <= ulong.MaxValue - (ulong)blocks)
        {
            // No carry into the high word in this chunk: two blocks per vector.
            var pair = Vector256.Create(low, high, low + 1, high);
            var step = Vector256.Create(2UL, 0, 2, 0);
            var vectors = MemoryMarshal.Cast<ulong, Vector256<ulong>>(words);
            for (; i < vectors.Length; i++, pair += step)
            {
                vectors[i] = pair;
            }
            i *= 2;
            low += (ulong)i;
        }
        for (; i < blocks; i++)
        {
            words[2 * i] = low;
            words[(2 * i) + 1] = high;
            if (++low == 0)
            {
                high++;
            }
        }
        _nextBlock += (UInt128)blocks;
    }

    public void Dispose() => _aes.Dispose();
}
