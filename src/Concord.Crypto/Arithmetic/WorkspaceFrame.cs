namespace Concord.Crypto.Arithmetic;

/// <summary>A run of registers claimed from a <see cref="Workspace"/>, released on dispose.</summary>
public readonly ref struct WorkspaceFrame
{
    private readonly int _start;

    internal WorkspaceFrame(Workspace workspace, int start, int count)
    {
        Workspace = workspace;
        _start = start;
        Count = count;
    }

    public Workspace Workspace { get; }

    public int Count { get; }

    /// <summary>The register index of the frame's <paramref name="i"/>-th register.</summary>
    public int this[int i] => (uint)i < (uint)Count ? _start + i : throw new ArgumentOutOfRangeException(nameof(i));

    public void Dispose() => Workspace.Release(_start, Count);
}
