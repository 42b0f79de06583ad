using Concord.Crypto.Gmp;
using Concord.Crypto.Managed;

namespace Concord.Crypto.Arithmetic;

/// <summary>Chooses the arithmetic backend, and tells the host application once when it has to fall back to the slow one.</summary>
public static class ArithmeticBackends
{
    private static readonly Lazy<IArithmeticBackend?> LazyGmp = new(GmpBackend.TryCreate);
    private static readonly object WarningLock = new();
    private static Action<string>? s_warningHandlers;
    private static string? s_warning;
    private static bool s_warningDelivered;

    /// <summary>libgmp through P/Invoke, or null when libgmp.so.10 cannot be loaded.</summary>
    public static IArithmeticBackend? Gmp => LazyGmp.Value;

    public static IArithmeticBackend Managed => ManagedBackend.Instance;

    /// <summary>libgmp when available, else the managed fallback (raising <see cref="SlowBackendWarning"/> once).</summary>
    public static IArithmeticBackend Default
    {
        get
        {
            if (Gmp is { } gmp)
            {
                return gmp;
            }
            Warn($"libgmp.so.10 could not be loaded ({GmpBackend.LoadFailure}); Paillier runs on the managed " +
                 "System.Numerics.BigInteger fallback, about ten times slower. Install libgmp10 to fix this.");
            return Managed;
        }
    }

    /// <summary>
    /// Raised once per process when the slow fallback is chosen. A handler added after the warning was raised
    /// still receives it once, so that hosts may subscribe at any time; this library itself never writes to the console.
    /// </summary>
    public static event Action<string> SlowBackendWarning
    {
        add
        {
            string? pending;
            lock (WarningLock)
            {
                s_warningHandlers += value;
                pending = s_warning is not null && !s_warningDelivered ? s_warning : null;
                s_warningDelivered |= pending is not null;
            }
            if (pending is not null)
            {
                value(pending);
            }
        }
        remove
        {
            lock (WarningLock)
            {
                s_warningHandlers -= value;
            }
        }
    }

    private static void Warn(string message)
    {
        Action<string>? handlers;
        lock (WarningLock)
        {
            if (s_warning is not null)
            {
                return;
            }
            s_warning = message;
            handlers = s_warningHandlers;
            s_warningDelivered = handlers is not null;
        }
        handlers?.Invoke(message);
    }
}
