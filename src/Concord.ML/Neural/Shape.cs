namespace Concord.ML.Neural;

/// <summary>
/// The shape of one sample as a layer sees it: [n] for a feature vector, [channels, height, width] for an image.
/// A batch adds the row count in front (see <see cref="Tensor"/>). Dense layers read any shape as its flat size, so a
/// convolution stack can hand its output straight to them.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    public Shape(params int[] dims)
    {
        if (dims.Length == 0 || dims.Any(d => d < 1))
        {
            throw new ArgumentException($"a shape needs at least one dimension, each at least 1; got [{string.Join(", ", dims)}]");
        }
        _dims = [.. dims];
        Size = dims.Aggregate(1, (size, d) => checked(size * d));
    }

    public static Shape Vector(int length) => new(length);

    public int Rank => _dims.Length;

    public int this[int axis] => _dims[axis];

    /// <summary>The number of values in one sample.</summary>
    public int Size { get; }

    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join("×", _dims)}]";
}
