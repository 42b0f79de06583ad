using System.Diagnostics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Encoding;
using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.Bench.Paillier;

/// <summary>
/// The measurements behind <c>concord bench paillier</c>: our Paillier throughputs on one core and on all cores,
/// next to gmp_limit's raw libgmp rates from the same run, as ratios against the targets of issue 3.
/// </summary>
public static class PaillierBenchmark
{
    /// <summary>The packing measured: 64-bit values (2^-32 resolution) with headroom for sums of 65,536 terms.</summary>
    public const int PackedValueBits = 64;
    public const int PackedFractionalBits = 32;
    public const long PackedMaxTerms = 1 << 16;
    private const int Samples = 64;

    public static async Task<PaillierBenchmarkResult> RunAsync(PaillierBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        var progress = options.Progress;
        var cores = Environment.ProcessorCount;
        progress?.Report($"generating a {options.KeyBits}-bit key from two safe primes");
        var watch = Stopwatch.StartNew();
        var (pk, sk) = PaillierKeyGenerator.Generate(options.KeyBits, cancellationToken: cancellationToken);
        var keySeconds = watch.Elapsed.TotalSeconds;
        progress?.Report("building the fixed-base obfuscation tables");
        pk.Encrypt(BigNat.Zero);
        sk.Encrypt(BigNat.Zero);

        progress?.Report("compiling and running gmp_limit.c for the raw libgmp rates");
        var gmp = await GmpLimitRunner.RunAsync(options.GmpLimitSource, options.KeyBits, cancellationToken).ConfigureAwait(false);

        var random = new Random(42);
        var plaintexts = Enumerable.Range(0, Samples)
            .Select(_ => FixedPointEncoding.Encode(pk, (random.NextDouble() - 0.5) * 2000).Encoding).ToArray();
        var ciphertexts = plaintexts.Select(m => pk.Encrypt(m)).ToArray();
        var scalars = Enumerable.Range(0, Samples).Select(_ => BigNat.FromUInt64((ulong)random.NextInt64() | (1UL << 63))).ToArray();
        var scheme = PackingScheme.For(pk, PackedValueBits, PackedFractionalBits, PackedMaxTerms);

        var meter = new ThroughputMeter(options.SecondsPerFigure, cores, progress, cancellationToken);
        var figures = new List<BenchmarkFigure>
        {
            meter.Loop("encrypt", "Encryption (public key, DJN fixed-base table)", "ops/s", Cycle(i => pk.Encrypt(plaintexts[i]))),
            meter.Loop("encrypt-owner", "Encryption (key owner, CRT)", "ops/s", Cycle(i => sk.Encrypt(plaintexts[i]))),
            meter.Loop("decrypt", "Decryption (CRT)", "ops/s", Cycle(i => sk.Decrypt(ciphertexts[i]))),
            PackedDecryption(meter, pk, sk, scheme, random),
            meter.Loop("add", "Homomorphic addition", "ops/s", Cycle(i => ciphertexts[i].Add(ciphertexts[(i + 1) % Samples]))),
            meter.Loop("scalar-multiply", "Scalar multiplication (64-bit scalar)", "ops/s", Cycle(i => ciphertexts[i].Multiply(scalars[i]))),
        };
        progress?.Report($"preparing {options.MultiExponentiationTerms:N0} ciphertexts for the multi-exponentiation");
        figures.Add(MultiExponentiation(meter, pk, ciphertexts, options.MultiExponentiationTerms, random));

        return new PaillierBenchmarkResult(options.KeyBits, pk.Backend.Name, cores, keySeconds, scheme.ToString(),
            figures, gmp, Ratios(figures, gmp), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Each thread walks the sample arrays from its own counter.</summary>
    private static Func<Action> Cycle(Action<int> operation) => () =>
    {
        var i = 0;
        return () =>
        {
            operation(i);
            i = (i + 1) % Samples;
        };
    };

    private static BenchmarkFigure PackedDecryption(ThroughputMeter meter, PaillierPublicKey pk, PaillierPrivateKey sk, PackingScheme scheme, Random random)
    {
        var values = Enumerable.Range(0, scheme.SlotsPerPlaintext * 16)
            .Select(_ => Math.Round((random.NextDouble() - 0.5) * 1e6, 6)).ToArray();
        var packed = PackedCiphertext.Encrypt(pk, scheme, values);
        return meter.Batch("packed-decrypt", $"Packed decryption ({scheme.SlotsPerPlaintext} values per ciphertext)", "values/s",
            degree => PackedCiphertext.Decrypt(sk, packed, degree).Length);
    }

    private static BenchmarkFigure MultiExponentiation(ThroughputMeter meter, PaillierPublicKey pk, Ciphertext[] seeds, int terms, Random random)
    {
        // Distinct bases at one multiplication each: c_i = c_(i−1) · c_(i−64), so building them costs far less than encrypting.
        var bases = new Ciphertext[terms];
        for (var i = 0; i < terms; i++)
        {
            bases[i] = i < seeds.Length ? seeds[i] : bases[i - 1].Add(bases[i - seeds.Length]);
        }
        var vector = CipherVector.FromCiphertexts(pk, bases);
        var exponents = Enumerable.Range(0, terms).Select(_ => (long)random.Next(int.MinValue, int.MaxValue)).ToArray();
        return meter.Batch("multi-exponentiation", $"Multi-exponentiation Σ c_i^x_i ({terms:N0} terms, signed 32-bit x_i)", "terms/s",
            degree =>
            {
                vector.WeightedSum(exponents, degree);
                return terms;
            });
    }

    private static BenchmarkRatio[] Ratios(IReadOnlyList<BenchmarkFigure> figures, GmpLimitFigures gmp)
    {
        double Ours(string id) => figures.Single(f => f.Id == id).PerCore;
        BenchmarkRatio Ratio(string id, string description, double ours, double? raw, double? target)
        {
            var value = raw is > 0 ? ours / raw.Value : (double?)null;
            return new BenchmarkRatio(id, description, value, target, value is null || target is null ? null : value >= target);
        }
        return
        [
            Ratio("encrypt/full-obfuscation", "encryption vs raw full r^n mod n²", Ours("encrypt"), gmp.FullObfuscationPerSecond, 8),
            Ratio("add/mulmod", "homomorphic addition vs raw mulmod n²", Ours("add"), gmp.MulModPerSecond, 0.5),
            Ratio("decrypt/crt-decrypt", "decryption vs raw CRT decryption", Ours("decrypt"), gmp.CrtDecryptPerSecond, 0.9),
            // python-paillier decrypts one value per full CRT decryption, about the raw rate.
            Ratio("packed/python-paillier", "packed values/s vs python-paillier values/s (≈ raw CRT decryption)", Ours("packed-decrypt"), gmp.CrtDecryptPerSecond, 10),
            Ratio("encrypt/djn-powm", "encryption vs raw DJN 448-bit powm (what the table saves)", Ours("encrypt"), gmp.DjnObfuscationPerSecond, null),
            Ratio("scalar-multiply/powm64", "scalar multiplication vs raw 64-bit powm", Ours("scalar-multiply"), gmp.ScalarPowmPerSecond, null),
            Ratio("multi-exponentiation/powm64", "multi-exponentiation terms/s vs raw 64-bit powm/s", Ours("multi-exponentiation"), gmp.ScalarPowmPerSecond, null),
        ];
    }
}
