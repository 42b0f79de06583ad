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
        }
        var cells = groupOf.Count * groupCount;
        var partials = new List<(ulong[] Limbs, bool[] Touched)>();
        ParallelRange.For(elements.Length, maxDegreeOfParallelism, (from, to) =>
        {
            var partial = SumByGroup(elements, groupOf, groupCount, from, to);
            lock (partials)
            {
                partials.Add(partial);
            }
        }, chunksPerThread: 1);
        return Map(PublicKey, cells, maxDegreeOfParallelism, (ws, cell, f) =>
        {
            ws.SetSmall(f[0], 1);
            foreach (var (limbs, touched) in partials)
            {
                if (touched[cell])
                {
                    ws.Set(f[1], limbs.AsSpan(cell * Stride, Stride));
                    ws.MulMod(f[0], f[0], f[1], f[2]);
                }
            }
        });
    }

    private (ulong[] Limbs, bool[] Touched) SumByGroup(int[] elements, IReadOnlyList<byte[]> groupOf, int groupCount, int from, int to)
    {
        var features = groupOf.Count;
        var cells = features * groupCount;
        var touched = new bool[cells];
        var limbs = new ulong[checked(cells * Stride)];
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(cells + 2);
        int c = f[cells], n2 = f[cells + 1], first = f[0];
        ws.Set(n2, PublicKey.NSquared);
        for (var k = from; k < to; k++)
        {
            var element = elements[k];
            ws.Set(c, Limbs(element));
            for (var j = 0; j < features; j++)
            {
                var group = groupOf[j][k];
                if (group >= groupCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(groupOf), $"grouping {j} puts element {element} in group {group}, beyond the {groupCount} groups");
                }
                var cell = (j * groupCount) + group;
                if (touched[cell])
                {
                    ws.MulMod(first + cell, first + cell, c, n2);
                }
                else
                {
                    ws.Copy(first + cell, c);
                    touched[cell] = true;
                }
            }
        }
        for (var cell = 0; cell < cells; cell++)
        {
            if (touched[cell])
            {
                ws.CopyTo(first + cell, limbs.AsSpan(cell * Stride, Stride));
            }
        }
        return (limbs, touched);
    }
}
