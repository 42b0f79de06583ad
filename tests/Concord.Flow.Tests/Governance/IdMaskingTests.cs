using Concord.Flow.Control;
using Concord.Flow.Governance;

namespace Concord.Flow.Tests.Governance;

/// <summary>Row ids in a host's error: masked for the guest always, in the host's own logs until its admin unmasks them.</summary>
public class IdMaskingTests
{
    private const string RowId = "host-row-42";

    private static string Job(string name) => $$"""
        job: { name: {{name}}, timeout: 60, seed: 1 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: first
            type: scale
            parties:
              10000: { fail: "row {{Data.SensitiveIds.Mark(RowId)}} is broken" }
        """;

    [Fact]
    public async Task A_hosts_row_id_never_reaches_the_guest_and_shows_in_the_hosts_log_only_once_unmasked()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000);
        using var guest = nodes.Operator(9999);
        using var host = nodes.Operator(10000);

        async Task<(string GuestError, string HostLog)> RunAsync(string name)
        {
            var view = await guest.WaitAsync(await guest.SubmitAsync(Job(name), "masked.yaml", CancellationToken.None), null, CancellationToken.None);
            Assert.Equal(TaskState.Failed, view.Job.State);
            var hostLog = await host.LogsAsync(view.Job.JobId, null, 10000, 0, CancellationToken.None);
            return (view.Job.Error!, string.Join("\n", hostLog.Select(l => l.Message)));
        }

        var masked = await RunAsync("masked");
        Assert.Contains("row \u2039id:", masked.GuestError, StringComparison.Ordinal);
        Assert.DoesNotContain(RowId, masked.GuestError, StringComparison.Ordinal);
        Assert.Contains("failed: row \u2039id:", masked.HostLog, StringComparison.Ordinal);
        Assert.DoesNotContain(RowId, masked.HostLog, StringComparison.Ordinal);

        await host.SetSettingAsync(GovernanceSettings.MaskIds, false, CancellationToken.None);
        var unmasked = await RunAsync("unmasked");
        Assert.Contains($"failed: row \u2039{RowId}\u203A is broken", unmasked.HostLog, StringComparison.Ordinal);
        Assert.DoesNotContain(RowId, unmasked.GuestError, StringComparison.Ordinal);
        Assert.DoesNotContain(RowId, string.Join("\n", nodes.Log.Where(l => l.Contains("masked.yaml", StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
