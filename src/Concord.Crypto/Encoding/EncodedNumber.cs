using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Encoding;

/// <summary>
/// A plaintext carrying a fixed-point number as python-paillier and FATE encode it: the value is
/// mantissa · 16^<see cref="Exponent"/>, and <see cref="Encoding"/> is the mantissa modulo n (negative mantissas wrap to n − |m|).
/// </summary>
public readonly record struct EncodedNumber(BigNat Encoding, int Exponent);
