using System.Numerics;
using Concord.Federation.Messaging;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Federation.Tests.Messaging;

public class CodecPropertyTests
{
    private static T RoundTrip<T>(T value)
    {
        var codec = PayloadCodecs.For<T>();
        using var stream = new MemoryStream();
        codec.WriteAsync(value, stream, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        stream.Position = 0;
        var back = codec.ReadAsync(stream, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Assert.Equal(stream.Length, stream.Position);
        return back;
    }

    [Fact]
    public void Double_arrays_round_trip_bit_for_bit() =>
        Prop.ForAll<double[]>(xs => RoundTrip(xs).Select(BitConverter.DoubleToInt64Bits)
            .SequenceEqual(xs.Select(BitConverter.DoubleToInt64Bits))).QuickCheckThrowOnFailure();

    [Fact]
    public void Long_and_ulong_arrays_round_trip() =>
        Prop.ForAll<long[], ulong[]>((a, b) => RoundTrip(a).SequenceEqual(a) && RoundTrip(b).SequenceEqual(b)).QuickCheckThrowOnFailure();

    [Fact]
    public void UInt128_arrays_round_trip() =>
        Prop.ForAll<ulong[], ulong[]>((hi, lo) =>
        {
            var xs = hi.Zip(lo, (h, l) => new UInt128(h, l)).ToArray();
            return RoundTrip(xs).SequenceEqual(xs);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Byte_vectors_round_trip() =>
        Prop.ForAll<byte[][]>(xs =>
        {
            var clean = xs.Select(x => x ?? []).ToArray();
            var back = RoundTrip(clean);
            return back.Length == clean.Length && back.Zip(clean).All(p => p.First.SequenceEqual(p.Second));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Big_integers_round_trip_including_negatives() =>
        Prop.ForAll<long[], int>((xs, shift) =>
        {
            var big = xs.Select(x => new BigInteger(x) << (Math.Abs(shift) % 2048)).ToArray();
            return RoundTrip(big).SequenceEqual(big);
        }).QuickCheckThrowOnFailure();

    private sealed record Split(string Feature, double Threshold, int[] Left);

    [Fact]
    public void Records_travel_as_json() =>
        Prop.ForAll<NonNull<string>, double, int[]>((name, threshold, left) =>
        {
            if (double.IsNaN(threshold) || double.IsInfinity(threshold))
            {
                return true;
            }
            var split = new Split(name.Get, threshold, left);
            var back = RoundTrip(split);
            return back.Feature == split.Feature && back.Threshold.Equals(split.Threshold) && back.Left.SequenceEqual(split.Left);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task A_truncated_payload_is_reported_not_misread()
    {
        var codec = PayloadCodecs.For<double[]>();
        using var full = new MemoryStream();
        await codec.WriteAsync([1.0, 2.0, 3.0], full, CancellationToken.None);
        var cut = full.ToArray()[..^4];
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => codec.ReadAsync(new MemoryStream(cut), CancellationToken.None).AsTask());
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurd_length_prefix_is_rejected_before_allocating()
    {
        var bytes = BitConverter.GetBytes(long.MaxValue);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => PayloadCodecs.For<double[]>().ReadAsync(new MemoryStream(bytes), CancellationToken.None).AsTask());
        Assert.Contains("length", ex.Message, StringComparison.Ordinal);
    }
}
