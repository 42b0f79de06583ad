namespace Concord.Crypto.Vector;

/// <summary>
/// Groupings summed jointly by the histogram kernel. Summing k groupings of R groups each one by one costs k·N
/// ciphertext multiplications for N elements; summing them jointly, into the R^k cells of their combined group, costs
/// N, and each grouping's sums are then products of joint cells: k·R^k more. With 10 bins and 100,000 rows, three
/// columns at a time take about a third of the multiplications. The plan picks, grouping by grouping, the block size
/// that minimises the estimated multiplications per grouping.
/// </summary>
internal sealed class JointGroupings
{
    // Joint cells per block at most: bounds the accumulators (cells × ciphertext size × threads) and keeps small
    // inputs, where few cells are filled, from blocks that merge more than they save.
    private const int MaxBlockCells = 1 << 14;

    private JointGroupings(IReadOnlyList<Block> blocks) => Blocks = blocks;

    /// <summary>The blocks, in order, covering every grouping once.</summary>
    public IReadOnlyList<Block> Blocks { get; }

    /// <summary>
    /// Consecutive groupings form a block while adding the next lowers the estimated cost per grouping: N products into
    /// the joint cells, then, for each filled joint cell (at most min(cells, N)), one product per thread to merge the
    /// threads' accumulators and one per member grouping to add it to that grouping's sums.
    /// </summary>
    /// <param name="radices">Per grouping, its groups actually used: 1 + its largest group index.</param>
    public static JointGroupings Plan(IReadOnlyList<int> radices, int elements, int threads, int maxBlockSize = int.MaxValue)
    {
        double Cost(int size, long cells) => (elements + ((size + threads) * (double)Math.Min(cells, elements))) / size;
        var blocks = new List<Block>();
        var offset = 0;
        for (var first = 0; first < radices.Count;)
        {
            var size = 1;
            long cells = radices[first];
            while (first + size < radices.Count && size < maxBlockSize)
            {
                var more = cells * radices[first + size];
                if (more > MaxBlockCells || Cost(size + 1, more) >= Cost(size, cells))
                {
                    break;
                }
                size++;
                cells = more;
            }
            blocks.Add(new Block([.. Enumerable.Range(first, size)], [.. radices.Skip(first).Take(size)], offset));
            offset += (int)cells;
            first += size;
        }
        return new JointGroupings(blocks);
    }

    /// <summary>
    /// Groupings <see cref="Members"/> summed jointly: an element in group g_i of member i lies in joint cell
    /// <see cref="Offset"/> + Σ g_i·Π_{j&lt;i} radix_j (mixed radix, the first member varying fastest).
    /// </summary>
    internal sealed class Block(int[] members, int[] radices, int offset)
    {
        public int[] Members { get; } = members;

        public int[] Radices { get; } = radices;

        public int Offset { get; } = offset;

        public int Cells { get; } = radices.Aggregate(1, (a, r) => a * r);

        /// <summary>The joint cell of element <paramref name="k"/> of the listed elements.</summary>
        public int Cell(IReadOnlyList<byte[]> groupOf, int k)
        {
            var cell = 0;
            for (var i = Members.Length - 1; i >= 0; i--)
            {
                cell = (cell * Radices[i]) + groupOf[Members[i]][k];
            }
            return Offset + cell;
        }

        /// <summary>Member <paramref name="i"/>'s group within joint cell <paramref name="cell"/> (counted from <see cref="Offset"/>).</summary>
        public int Group(int cell, int i)
        {
            for (var j = 0; j < i; j++)
            {
                cell /= Radices[j];
            }
            return cell % Radices[i];
        }
    }
}
