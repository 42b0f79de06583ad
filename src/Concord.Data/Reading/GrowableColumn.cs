namespace Concord.Data;

/// <summary>A column of doubles filled row by row while a file is read, before its length is known.</summary>
internal sealed class GrowableColumn
{
    private double[] _values = new double[1024];

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }
        _values[Count++] = value;
    }

    /// <summary>The values, in an array of exactly <see cref="Count"/>.</summary>
    public double[] ToArray() => _values.AsSpan(0, Count).ToArray();
}
