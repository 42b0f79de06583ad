namespace Concord.Flow.Serving;

/// <summary>What a deployment has served: rows and errors since it started, the recent rate, recent latencies.</summary>
/// <param name="RowsPerSecond">Rows answered per second over the last <see cref="ServingMeter.RateWindowSeconds"/> seconds.</param>
/// <param name="P50Ms">The median latency of the last <see cref="ServingMeter.LatencySamples"/> rows, null before the first.</param>
public sealed record ServingStats(long Rows, long Errors, double RowsPerSecond, double? P50Ms, double? P99Ms);

/// <summary>
/// Counts one deployment's rows as they are answered. Memory is fixed whatever the traffic: one counter per second of
/// the rate window, and a ring of the latest latencies, from which percentiles are read when asked (rarely: a page view).
/// </summary>
public sealed class ServingMeter(TimeProvider? time = null)
{
    public const int RateWindowSeconds = 10;
    public const int LatencySamples = 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly long[] _perSecond = new long[RateWindowSeconds];
    private readonly long[] _secondOf = new long[RateWindowSeconds];
    private readonly double[] _latencies = new double[LatencySamples];
    private long _rows;
    private long _errors;

    /// <summary>One row answered (or failed) after <paramref name="latency"/>; a refusal before queueing counts as an error only.</summary>
    public void Record(TimeSpan? latency, bool failed)
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (failed)
            {
                _errors++;
            }
            if (latency is not TimeSpan taken)
            {
                return;
            }
            _latencies[_rows % LatencySamples] = taken.TotalMilliseconds;
            _rows++;
            var slot = (int)(second % RateWindowSeconds);
            if (_secondOf[slot] != second)
            {
                _secondOf[slot] = second;
                _perSecond[slot] = 0;
            }
            _perSecond[slot]++;
        }
    }

    public ServingStats Snapshot()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var recent = 0L;
            for (var slot = 0; slot < RateWindowSeconds; slot++)
            {
                // The current second counts too: a rate that waited for a full second would show nothing for a second.
                if (now - _secondOf[slot] < RateWindowSeconds)
                {
                    recent += _perSecond[slot];
                }
            }
            var held = (int)Math.Min(_rows, LatencySamples);
            var sorted = _latencies[..held];
            Array.Sort(sorted);
            return new ServingStats(_rows, _errors, recent / (double)RateWindowSeconds,
                held == 0 ? null : Percentile(sorted, 0.50), held == 0 ? null : Percentile(sorted, 0.99));
        }
    }

    /// <summary>The nearest-rank percentile: a latency some row really took, not an interpolation between two.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
