using System.Diagnostics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Tests.Profiling;

public class PhaseTimerTests
{
    [Fact]
    public void Nothing_is_timed_without_an_installed_timer()
    {
        var timer = new PhaseTimer();
        using (PhaseTimer.Start(Phase.Encrypt))
        {
            Thread.Sleep(5);
        }
        Assert.Null(PhaseTimer.Current);
        Assert.Empty(timer.Seconds);
    }

    [Fact]
    public void The_crypto_layer_times_itself_on_the_installed_timer_in_its_parallel_loops_too()
    {
        var key = TestKeys.Small("gmp");
        var timer = new PhaseTimer();
        using (timer.Install())
        {
            var vector = CipherVector.Encrypt(key.PublicKey, [.. Enumerable.Range(1, 64).Select(i => BigNat.FromBigInteger(i))]);
            vector.WeightedSums([Enumerable.Repeat(1L, 64).ToArray(), Enumerable.Repeat(2L, 64).ToArray()]);
            vector.Decrypt(key.PrivateKey);
            // Single encryptions inside a Parallel.For body: the ambient timer flows with the execution context.
            Parallel.For(0, 8, i => key.PublicKey.Encrypt(BigNat.FromBigInteger(i)));
        }
        Assert.Null(PhaseTimer.Current);
        Assert.Equal([Phase.Encrypt, Phase.Decrypt, Phase.MultiExponentiation], timer.Seconds.Keys.Order());
        Assert.All(timer.Seconds.Values, s => Assert.True(s > 0));
    }

    [Fact]
    public async Task Overlapping_operations_of_one_phase_count_their_wall_time_once()
    {
        var timer = new PhaseTimer();
        var wall = Stopwatch.StartNew();
        using (timer.Install())
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var outer = PhaseTimer.Start(Phase.Transport);
                using var nested = PhaseTimer.Start(Phase.Transport);
                await Task.Delay(200);
            }));
        }
        wall.Stop();
        // Eight concurrent waits of at least 0.2 s, each nested twice. Counted once, they fit inside the wall time of the
        // whole wait, however long a loaded machine stretches it; a plain sum would be sixteen times 0.2 s or more.
        // The bound is the measured wall time, not a constant, so a slow CI machine cannot fail it.
        Assert.InRange(timer.Seconds[Phase.Transport], 0.19, wall.Elapsed.TotalSeconds);
    }

    [Fact]
    public void Phase_names_are_the_strings_metrics_have_always_used()
    {
        Assert.Equal("transport_and_waiting", Phase.Transport.Name());
        Assert.Equal("multi_exponentiation", Phase.MultiExponentiation.Name());
        Assert.Equal(Enum.GetValues<Phase>().Length, Enum.GetValues<Phase>().Select(p => p.Name()).Distinct().Count());
    }
}
