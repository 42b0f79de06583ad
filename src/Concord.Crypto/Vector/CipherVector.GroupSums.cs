using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Vector;

public sealed partial class CipherVector
{
    /// <summary>
    /// The histogram kernel: for each of F groupings of the same elements, Enc(Σ a_i) over the elements of each group,
    /// as F·G ciphertexts (grouping f's group g at f·G + g; an empty group holds 1, the trivial Enc(0)). Elements are
    /// read once and multiplied into every grouping's accumulator, one set of accumulators per thread, merged at the end.
    /// </summary>
    /// <param name="elements">The elements to sum, as indices into this vector.</param>
    /// <param name="groupOf">Per grouping, the group (0 to <paramref name="groupCount"/> − 1) of each listed element.</param>
    public CipherVector SumByGroup(int[] elements, IReadOnlyList<byte[]> groupOf, int groupCount, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        foreach (var groups in groupOf)
        {
            if (groups.Length != elements.Length)
            {
                throw new ArgumentException($"a grouping lists {groups.Length} groups for {elements.Length} elements");
            }
            if (groups.Any(g => g >= groupCount))
            {
                throw new ArgumentOutOfRangeException(nameof(groupOf), $"a grouping names a group beyond the {groupCount} groups");
            }
        }
        var cells = groupOf.Count * groupCount;
        var partials = new List<Partial>();
        ParallelRange.For(elements.Length, maxDegreeOfParallelism, (from, to) =>
        {
            var partial = PublicKey.CiphertextMontgomery is { } montgomery
                ? MontgomerySums(montgomery, elements, groupOf, groupCount, from, to)
                : Sums(elements, groupOf, groupCount, from, to);
            lock (partials)
            {
                partials.Add(partial);
            }
        }, chunksPerThread: 1);
        return PublicKey.CiphertextMontgomery is { } m && partials.Count > 0
            ? Merge(m, partials, cells, maxDegreeOfParallelism)
            : Merge(partials, cells, maxDegreeOfParallelism);
    }

    /// <summary>One thread's accumulators: per cell, the product of its <see cref="Counts"/> elements (0: empty).</summary>
    private sealed record Partial(ulong[] Limbs, int[] Counts);

    private Partial Sums(int[] elements, IReadOnlyList<byte[]> groupOf, int groupCount, int from, int to)
    {
        var features = groupOf.Count;
        var cells = features * groupCount;
        var counts = new int[cells];
        var limbs = new ulong[checked(cells * Stride)];
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(cells + 2);
        int c = f[cells], n2 = f[cells + 1], first = f[0];
        ws.Set(n2, PublicKey.NSquared);
        for (var k = from; k < to; k++)
        {
            ws.Set(c, Limbs(elements[k]));
            for (var j = 0; j < features; j++)
            {
                var cell = (j * groupCount) + groupOf[j][k];
                if (counts[cell]++ > 0)
                {
                    ws.MulMod(first + cell, first + cell, c, n2);
                }
                else
                {
                    ws.Copy(first + cell, c);
                }
            }
        }
        for (var cell = 0; cell < cells; cell++)
        {
            if (counts[cell] > 0)
            {
                ws.CopyTo(first + cell, limbs.AsSpan(cell * Stride, Stride));
            }
        }
        return new Partial(limbs, counts);
    }

    private CipherVector Merge(List<Partial> partials, int cells, int maxDegreeOfParallelism) =>
        Map(PublicKey, cells, maxDegreeOfParallelism, (ws, cell, f) =>
        {
            ws.SetSmall(f[0], 1);
            foreach (var partial in partials.Where(p => p.Counts[cell] > 0))
            {
                ws.Set(f[1], partial.Limbs.AsSpan(cell * Stride, Stride));
                ws.MulMod(f[0], f[0], f[1], f[2]);
            }
        });

    /// <summary>
    /// The same sums by Montgomery multiplication of ordinary-form ciphertexts: each product of k elements carries a
    /// stray factor R^−(k−1), removed once per cell after the threads' partials are merged.
    /// </summary>
    private Partial MontgomerySums(MontgomeryModulus montgomery, int[] elements, IReadOnlyList<byte[]> groupOf, int groupCount, int from, int to)
    {
        var features = groupOf.Count;
        var cells = features * groupCount;
        var counts = new int[cells];
        var limbs = new ulong[checked(cells * Stride)];
        var scratch = new ulong[2 * Stride];
        for (var k = from; k < to; k++)
        {
            var element = Limbs(elements[k]);
            for (var j = 0; j < features; j++)
            {
                var cell = (j * groupCount) + groupOf[j][k];
                var acc = limbs.AsSpan(cell * Stride, Stride);
                if (counts[cell]++ > 0)
                {
                    montgomery.Multiply(acc, element, acc, scratch);
                }
                else
                {
                    element.CopyTo(acc);
                }
            }
        }
        return new Partial(limbs, counts);
    }

    private CipherVector Merge(MontgomeryModulus montgomery, List<Partial> partials, int cells, int maxDegreeOfParallelism)
    {
        var merged = partials[0];
        var scratch = new ulong[2 * Stride];
        foreach (var partial in partials.Skip(1))
        {
            for (var cell = 0; cell < cells; cell++)
            {
                if (partial.Counts[cell] == 0)
                {
                    continue;
                }
                var into = merged.Limbs.AsSpan(cell * Stride, Stride);
                var from = partial.Limbs.AsSpan(cell * Stride, Stride);
                if (merged.Counts[cell] == 0)
                {
                    from.CopyTo(into);
                }
                else
                {
                    montgomery.Multiply(into, from, into, scratch);
                }
                merged.Counts[cell] += partial.Counts[cell];
            }
        }
        var radix = BigNat.One.ShiftLeft(64 * Stride);
        return Map(PublicKey, cells, maxDegreeOfParallelism, (ws, cell, f) =>
        {
            var count = merged.Counts[cell];
            if (count == 0)
            {
                ws.SetSmall(f[0], 1);
                return;
            }
            // V = Π c · R^−(count−1); one more Montgomery product with R^count mod n² leaves Π c.
            ws.Set(f[0], radix);
            ws.SetSmall(f[1], (ulong)count);
            ws.PowMod(f[0], f[0], f[1], f[2]);
            Span<ulong> factor = stackalloc ulong[Stride];
            Span<ulong> value = stackalloc ulong[Stride];
            Span<ulong> work = stackalloc ulong[2 * Stride];
            ws.CopyTo(f[0], factor);
            montgomery.Multiply(merged.Limbs.AsSpan(cell * Stride, Stride), factor, value, work);
            ws.Set(f[0], value);
            ws.Mod(f[0], f[0], f[2]);
        });
    }
}
