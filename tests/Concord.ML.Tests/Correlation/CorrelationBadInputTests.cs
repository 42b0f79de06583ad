using Concord.ML.Correlation;

namespace Concord.ML.Tests.Correlation;

/// <summary>Inputs the protocol refuses before any key is made, every party ending on its own with a one-line reason.</summary>
public class CorrelationBadInputTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d", "e", "f"];

    private static NumericColumns Columns(params (string Name, double[] Values)[] columns) =>
        new([.. columns.Select(c => c.Name)], [.. columns.Select(c => c.Values)]);

    private static readonly NumericColumns Guest = Columns(("g0", [1, 2, 3, 4, 5, 7]), ("g1", [2, 1, 0, 3, 5, 4]));
    private static readonly NumericColumns Host = Columns(("h0", [5, 3, 1, 2, 2, 8]));

    [Fact]
    public async Task A_constant_host_column_is_named_and_its_correlation_called_undefined()
    {
        var host = Columns(("h0", [5, 3, 1, 2, 2, 8]), ("flat", [4, 4, 4, 4, 4, 4]));
        var failures = await Failures(new CorrelationOptions(), (Guest, Ids), (host, Ids));
        Assert.Contains(failures, e => e.Message.Contains("party host:10000 cannot take part: column \"flat\" is constant (4), so its correlation is undefined", StringComparison.Ordinal));
        Assert.Contains(failures, e => e.Message.StartsWith("column \"flat\" is constant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_constant_guest_column_stops_the_hosts_with_the_guests_reason()
    {
        var guest = Columns(("g0", [1, 2, 3, 4, 5, 7]), ("same", [0, 0, 0, 0, 0, 0]));
        var failures = await Failures(new CorrelationOptions { Method = CorrelationMethod.Spearman }, (guest, Ids), (Host, Ids));
        Assert.Contains(failures, e => e.Message.StartsWith("column \"same\" is constant", StringComparison.Ordinal));
        Assert.Contains(failures, e => e.Message.StartsWith("the guest stopped the correlation run: column \"same\" is constant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Misaligned_rows_and_missing_values_are_refused()
    {
        var failures = await Failures(new CorrelationOptions(), (Guest, Ids), (Host, [.. Ids.Reverse()]));
        Assert.Contains(failures, e => e.Message.Contains("party host:10000's rows are not aligned with the guest's", StringComparison.Ordinal));

        var gappy = Columns(("h0", [5, 3, double.NaN, 2, 2, 8]));
        failures = await Failures(new CorrelationOptions(), (Guest, Ids), (gappy, Ids));
        Assert.Contains(failures, e => e.Message.Contains("column \"h0\" has a missing value in row 2; fill it first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cross_block_that_would_pin_the_other_partys_columns_down_is_refused()
    {
        // Five guest columns for six rows: five projections of a host column plus Σz = 0 determine it.
        var wide = Columns([.. Enumerable.Range(0, 5).Select(c => ($"g{c}", Ids.Select((_, i) => (double)((i * (c + 2)) % 7)).ToArray()))]);
        var failures = await Failures(new CorrelationOptions(), (wide, Ids), (Host, Ids));
        Assert.Contains(failures, e => e.Message.Contains("the guest has 5 columns for 6 rows: its cross blocks would reveal the hosts' standardised columns", StringComparison.Ordinal));

        var wideHost = Columns([.. Enumerable.Range(0, 5).Select(c => ($"h{c}", Ids.Select((_, i) => (double)(((i * (c + 1)) % 7) + c)).ToArray()))]);
        failures = await Failures(new CorrelationOptions { HostLearnsCross = true }, (Guest, Ids), (wideHost, Ids));
        Assert.Contains(failures, e => e.Message.Contains("party host:10000 has 5 columns for 6 rows", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<Exception>> Failures(CorrelationOptions options, (NumericColumns, string[]) guest, (NumericColumns, string[]) host)
    {
        var run = CorrelationFederation.Start(options, guest, host);
        var failures = await run.FailuresAsync();
        Assert.NotNull(failures);
        // Both parties stop, each on its own.
        Assert.Equal(2, failures.InnerExceptions.Count);
        Assert.All(failures.InnerExceptions, e => Assert.DoesNotContain('\n', e.Message));
        return failures.InnerExceptions;
    }
}
