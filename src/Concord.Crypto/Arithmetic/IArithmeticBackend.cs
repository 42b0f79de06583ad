namespace Concord.Crypto.Arithmetic;

/// <summary>A provider of big-integer arithmetic: libgmp when present, otherwise managed code.</summary>
public interface IArithmeticBackend
{
    string Name { get; }

    /// <summary>True for a fallback that is correct but about ten times slower than libgmp.</summary>
    bool IsSlow { get; }

    /// <summary>The calling thread's workspace (created on first use, reused afterwards).</summary>
    Workspace Workspace { get; }
}
