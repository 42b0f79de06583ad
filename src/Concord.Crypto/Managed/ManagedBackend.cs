using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Managed;

/// <summary>System.Numerics.BigInteger: correct everywhere .NET runs, and about ten times slower than libgmp.</summary>
internal sealed class ManagedBackend : IArithmeticBackend
{
    [ThreadStatic]
    private static ManagedWorkspace? t_workspace;

    private ManagedBackend()
    {
    }

    public static ManagedBackend Instance { get; } = new();

    public string Name => "managed BigInteger";

    public bool IsSlow => true;

    public Workspace Workspace => t_workspace ??= new ManagedWorkspace(this);
}
