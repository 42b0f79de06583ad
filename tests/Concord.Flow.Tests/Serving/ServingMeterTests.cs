using Concord.Flow.Serving;

namespace Concord.Flow.Tests.Serving;

public class ServingMeterTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void The_rate_counts_only_the_last_seconds_and_percentiles_are_latencies_rows_took()
    {
        var time = new ManualTime();
        var meter = new ServingMeter(time);
        Assert.Equal(new ServingStats(0, 0, 0, null, null), meter.Snapshot());

        // 100 rows at 1..100 ms in one second, then 20 more over the next seconds, one failed answer and one refusal.
        for (var i = 1; i <= 100; i++)
        {
            meter.Record(TimeSpan.FromMilliseconds(i), failed: false);
        }
        for (var s = 1; s <= 4; s++)
        {
            time.Now = time.Now.AddSeconds(1);
            for (var i = 0; i < 5; i++)
            {
                meter.Record(TimeSpan.FromMilliseconds(50), failed: s == 4 && i == 0);
            }
        }
        meter.Record(null, failed: true);
        var now = meter.Snapshot();
        Assert.Equal((120L, 2L), (now.Rows, now.Errors));
        Assert.Equal(120.0 / ServingMeter.RateWindowSeconds, now.RowsPerSecond);
        Assert.Equal(50, now.P50Ms);
        Assert.Equal(99, now.P99Ms);

        // Once the first second leaves the window only the later 20 rows count; totals stay.
        time.Now = time.Now.AddSeconds(ServingMeter.RateWindowSeconds - 4);
        Assert.Equal(20.0 / ServingMeter.RateWindowSeconds, meter.Snapshot().RowsPerSecond);
        time.Now = time.Now.AddSeconds(ServingMeter.RateWindowSeconds);
        Assert.Equal(0, meter.Snapshot().RowsPerSecond);
        Assert.Equal(120, meter.Snapshot().Rows);
    }

    [Fact]
    public void Percentiles_are_of_the_latest_rows_only()
    {
        var meter = new ServingMeter(new ManualTime());
        for (var i = 0; i < ServingMeter.LatencySamples; i++)
        {
            meter.Record(TimeSpan.FromMilliseconds(1000), failed: false);
        }
        for (var i = 0; i < ServingMeter.LatencySamples; i++)
        {
            meter.Record(TimeSpan.FromMilliseconds(2), failed: false);
        }
        Assert.Equal((2.0, 2.0), (meter.Snapshot().P50Ms!.Value, meter.Snapshot().P99Ms!.Value));
    }
}
