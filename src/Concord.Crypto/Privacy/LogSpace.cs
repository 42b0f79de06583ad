namespace Concord.Crypto.Privacy;

/// <summary>Arithmetic on numbers held as their natural logarithms, for sums whose terms overflow a double.</summary>
internal static class LogSpace
{
    /// <summary>log(e^a + e^b).</summary>
    public static double Add(double a, double b)
    {
        var (low, high) = a < b ? (a, b) : (b, a);
        return double.IsNegativeInfinity(low) ? high : Math.Log(1 + Math.Exp(low - high)) + high;
    }

    /// <summary>log(e^a − e^b) for a ≥ b.</summary>
    public static double Subtract(double a, double b)
    {
        if (a < b)
        {
            throw new ArgumentException($"log-space subtraction needs a ≥ b (got {a} and {b})");
        }
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }
        if (a == b)
        {
            return double.NegativeInfinity;
        }
        var gap = a - b;
        // e^gap − 1 overflows long before its logarithm differs from gap.
        return (gap > 700 ? gap : Math.Log(ExpM1(gap))) + b;
    }

    /// <summary>e^x − 1, accurate near 0 where the subtraction would cancel.</summary>
    public static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;

    /// <summary>log(1 + x), accurate near 0.</summary>
    public static double Log1P(double x) => Math.Abs(x) < 1e-4 ? x - (x * x / 2) + (x * x * x / 3) : Math.Log(1 + x);

    /// <summary>
    /// log erfc(x), finite far into the tail where erfc(x) itself underflows: a positive-term series for erf below 3
    /// (no cancellation), and the Laplace continued fraction above, with e^(−x²) kept in log form.
    /// </summary>
    public static double LogErfc(double x)
    {
        if (x < 0)
        {
            return Math.Log(2 - Math.Exp(LogErfc(-x)));
        }
        if (x < 3)
        {
            return Math.Log(1 - Erf(x));
        }
        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated bottom-up.
        var tail = x;
        for (var k = 60; k >= 1; k--)
        {
            tail = x + (k / 2.0 / tail);
        }
        return (-x * x) - (0.5 * Math.Log(Math.PI)) - Math.Log(tail);
    }

    /// <summary>erf(x) = 2/√π · e^(−x²) · Σ 2^n x^(2n+1) / (1·3·…·(2n+1)), every term positive.</summary>
    private static double Erf(double x)
    {
        var term = x;
        var sum = x;
        for (var n = 1; n < 200 && term > sum * 1e-17; n++)
        {
            term *= 2 * x * x / ((2 * n) + 1);
            sum += term;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }
}
