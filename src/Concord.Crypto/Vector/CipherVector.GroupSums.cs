using Concord.Crypto.Arithmetic;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Vector;

public sealed partial class CipherVector
{
    // Accumulator bytes of one pass over the elements, all threads together; blocks beyond it wait for another pass.
    private const long PassBytes = 128L << 20;

    /// <summary>
    /// The histogram kernel: for each of F groupings of the same elements, Enc(Σ a_i) over the elements of each group,
    /// as F·G ciphertexts (grouping f's group g at f·G + g; an empty group holds 1, the trivial Enc(0)). Groupings are
    /// summed a few at a time into their joint cells (<see cref="JointGroupings"/>), each element read once per pass and
    /// multiplied into one cell per block, one set of accumulators per thread; the threads' cells are then merged and
    /// each grouping's sums taken as products of the joint cells.
    /// </summary>
    /// <param name="elements">The elements to sum, as indices into this vector.</param>
    /// <param name="groupOf">Per grouping, the group (0 to <paramref name="groupCount"/> − 1) of each listed element.</param>
    /// <param name="maxBlockSize">Groupings per joint block at most; 1 sums each grouping on its own (tests compare both).</param>
    public CipherVector SumByGroup(int[] elements, IReadOnlyList<byte[]> groupOf, int groupCount, int maxDegreeOfParallelism = -1, int maxBlockSize = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        var radices = groupOf.Select(groups => Radix(groups, elements.Length, groupCount)).ToList();
        var threads = maxDegreeOfParallelism < 1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var plan = JointGroupings.Plan(radices, elements.Length, threads, maxBlockSize);
        var sums = new Accumulators(groupOf.Count * groupCount, Stride);
        long multiplications = 0;
        foreach (var pass in Passes(plan, threads))
        {
            var partials = new List<Accumulators>();
            ParallelRange.For(elements.Length, maxDegreeOfParallelism, (from, to) =>
            {
                var (partial, products) = WithMultiplier(multiplier => Accumulate(multiplier, elements, groupOf, pass, from, to));
                lock (partials)
                {
                    partials.Add(partial);
                }
                Interlocked.Add(ref multiplications, products);
            }, chunksPerThread: 1);
            ParallelRange.For(pass.Count, maxDegreeOfParallelism, (from, to) => Interlocked.Add(ref multiplications, WithMultiplier(multiplier =>
                pass.Take(to).Skip(from).Sum(block => Marginalize(multiplier, block, block.Offset - pass[0].Offset, partials, sums, groupCount)))), chunksPerThread: 1);
        }
        PhaseTimer.Current?.Count(Operation.Additions, multiplications);
        return Finish(sums, maxDegreeOfParallelism);
    }

    /// <summary>1 + the largest group of a grouping, after checking it lists one group below the bound per element.</summary>
    private static int Radix(byte[] groups, int elements, int groupCount)
    {
        if (groups.Length != elements)
        {
            throw new ArgumentException($"a grouping lists {groups.Length} groups for {elements} elements");
        }
        var largest = groups.Length == 0 ? 0 : groups.Max();
        return largest < groupCount ? largest + 1
            : throw new ArgumentOutOfRangeException(nameof(groups), $"a grouping names a group beyond the {groupCount} groups");
    }

    /// <summary>The plan's blocks in runs whose accumulators, one set per thread, fit in <see cref="PassBytes"/>.</summary>
    private List<List<JointGroupings.Block>> Passes(JointGroupings plan, int threads)
    {
        var passes = new List<List<JointGroupings.Block>>();
        var budget = Math.Max(1, PassBytes / (threads * Stride * sizeof(ulong)));
        long cells = 0;
        foreach (var block in plan.Blocks)
        {
            if (passes.Count == 0 || cells + block.Cells > budget)
            {
                passes.Add([]);
                cells = 0;
            }
            passes[^1].Add(block);
            cells += block.Cells;
        }
        return passes;
    }

    /// <summary>Products of ciphertexts with a count of factors per cell (0: empty), in the multiplier's form.</summary>
    private sealed class Accumulators(int cells, int stride)
    {
        public ulong[] Limbs { get; } = new ulong[checked(cells * stride)];

        public int[] Counts { get; } = new int[cells];

        public Span<ulong> this[int cell] => Limbs.AsSpan(cell * stride, stride);

        /// <summary>
        /// Multiplies a product of <paramref name="count"/> factors into <paramref name="cell"/>; returns the ciphertext
        /// multiplications that took (0 into an empty cell), for <see cref="PhaseTimer"/>'s operation counts.
        /// </summary>
        public int Add(ModularMultiplier multiplier, int cell, ReadOnlySpan<ulong> value, int count, Span<ulong> scratch)
        {
            var into = this[cell];
            var empty = Counts[cell] == 0;
            if (empty)
            {
                value.CopyTo(into);
            }
            else
            {
                multiplier.Multiply(into, value, into, scratch);
            }
            Counts[cell] += count;
            return empty ? 0 : 1;
        }
    }

    /// <summary>One thread's joint cells, for the pass's blocks, over elements [from, to), and the multiplications they took.</summary>
    private (Accumulators Cells, long Multiplications) Accumulate(
        ModularMultiplier multiplier, int[] elements, IReadOnlyList<byte[]> groupOf, List<JointGroupings.Block> pass, int from, int to)
    {
        var first = pass[0].Offset;
        var cells = new Accumulators(pass[^1].Offset + pass[^1].Cells - first, Stride);
        var scratch = new ulong[2 * Stride];
        long multiplications = 0;
        for (var k = from; k < to; k++)
        {
            var element = Limbs(elements[k]);
            foreach (var block in pass)
            {
                multiplications += cells.Add(multiplier, block.Cell(groupOf, k) - first, element, 1, scratch);
            }
        }
        return (cells, multiplications);
    }

    /// <summary>
    /// Merges the threads' joint cells of <paramref name="block"/> and multiplies each into its groups' sums; returns
    /// the multiplications that took. Blocks have distinct groupings, so threads may marginalise blocks at once.
    /// </summary>
    /// <param name="at">Where the block's cells start in the pass's accumulators.</param>
    private long Marginalize(ModularMultiplier multiplier, JointGroupings.Block block, int at, List<Accumulators> partials, Accumulators sums, int groupCount)
    {
        var scratch = new ulong[2 * Stride];
        var merged = new Accumulators(1, Stride);
        long multiplications = 0;
        for (var cell = 0; cell < block.Cells; cell++)
        {
            merged.Counts[0] = 0;
            foreach (var partial in partials.Where(p => p.Counts[at + cell] > 0))
            {
                multiplications += merged.Add(multiplier, 0, partial[at + cell], partial.Counts[at + cell], scratch);
            }
            if (merged.Counts[0] == 0)
            {
                continue;
            }
            for (var i = 0; i < block.Members.Length; i++)
            {
                multiplications += sums.Add(multiplier, (block.Members[i] * groupCount) + block.Group(cell, i), merged[0], merged.Counts[0], scratch);
            }
        }
        return multiplications;
    }

    /// <summary>Runs <paramref name="body"/> with this key's multiplier modulo n²: Montgomery where the backend has it.</summary>
    private T WithMultiplier<T>(Func<ModularMultiplier, T> body)
    {
        if (PublicKey.CiphertextMontgomery is { } montgomery)
        {
            return body(montgomery);
        }
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[2], PublicKey.NSquared);
        return body(new WorkspaceMultiplier(ws, f[0], f[1], f[2], Stride));
    }

    /// <summary>
    /// The sums as ciphertexts. A Montgomery product of k ciphertexts carries a stray factor R^−(k−1), however the
    /// products were grouped; one more Montgomery product with R^k mod n² removes it. Empty cells hold 1.
    /// </summary>
    private CipherVector Finish(Accumulators sums, int maxDegreeOfParallelism)
    {
        var montgomery = PublicKey.CiphertextMontgomery;
        var radix = BigNat.One.ShiftLeft(64 * Stride);
        return Map(PublicKey, sums.Counts.Length, maxDegreeOfParallelism, (ws, cell, f) =>
        {
            var count = sums.Counts[cell];
            if (count == 0)
            {
                ws.SetSmall(f[0], 1);
                return;
            }
            if (montgomery is null)
            {
                ws.Set(f[0], sums[cell]);
                return;
            }
            ws.Set(f[0], radix);
            ws.SetSmall(f[1], (ulong)count);
            ws.PowMod(f[0], f[0], f[1], f[2]);
            Span<ulong> factor = stackalloc ulong[Stride];
            Span<ulong> value = stackalloc ulong[Stride];
            Span<ulong> work = stackalloc ulong[2 * Stride];
            ws.CopyTo(f[0], factor);
            montgomery.Multiply(sums[cell], factor, value, work);
            ws.Set(f[0], value);
            ws.Mod(f[0], f[0], f[2]);
        });
    }
}
