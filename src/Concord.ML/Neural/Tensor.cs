namespace Concord.ML.Neural;

/// <summary>
/// A batch: <see cref="Rows"/> samples of one <see cref="Shape"/>, stored row-major in one flat array so that each
/// sample is a contiguous span for the SIMD kernels.
/// </summary>
public sealed class Tensor
{
    public Tensor(int rows, Shape shape, double[]? data = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var length = checked(rows * shape.Size);
        if (data is not null && data.Length != length)
        {
            throw new ArgumentException($"a batch of {rows} samples of shape {shape} holds {length} values, not {data.Length}");
        }
        Rows = rows;
        Shape = shape;
        Data = data ?? new double[length];
    }

    public int Rows { get; }

    public Shape Shape { get; }

    /// <summary>Values per sample.</summary>
    public int Width => Shape.Size;

    public double[] Data { get; }

    public Span<double> Row(int row) => Data.AsSpan(row * Width, Width);

    /// <summary>A new, zeroed batch of the same rows and shape.</summary>
    public Tensor ZerosLike() => new(Rows, Shape);

    /// <summary>The rows <paramref name="rows"/> of this batch, in that order, copied into a new batch.</summary>
    public Tensor Gather(IReadOnlyList<int> rows)
    {
        var batch = new Tensor(rows.Count, Shape);
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(batch.Row(i));
        }
        return batch;
    }
}
