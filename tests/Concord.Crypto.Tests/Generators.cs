using System.Numerics;
using Concord.Crypto.Arithmetic;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

/// <summary>FsCheck generators for big numbers, built from random 64-bit limbs.</summary>
internal static class Generators
{
    public static Gen<ulong> UInt64 { get; } =
        Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2);

    public static Gen<long> Int64 { get; } = UInt64.Select(u => (long)u);

    /// <summary>Uniform-ish values below <paramref name="bound"/>, mixed with the edges 0, 1, bound − 1.</summary>
    public static Gen<BigNat> Below(BigNat bound)
    {
        var limbs = Gen.ArrayOf(UInt64, bound.LimbCount + 1);
        var uniform = limbs.Select(l => BigNat.FromBigInteger(BigNat.FromLimbs(l).ToBigInteger() % bound.ToBigInteger()));
        return Gen.Frequency(
            (8, uniform),
            (1, Gen.Elements(BigNat.Zero, BigNat.One, bound - BigNat.One)));
    }

    public static BigInteger Big(this BigNat value) => value.ToBigInteger();
}
