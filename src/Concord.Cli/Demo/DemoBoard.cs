using Concord.Board;
using Concord.Flow.Api;
using Concord.Local;

namespace Concord.Cli.Demo;

/// <summary><c>concord demo --board</c>: once the demo is done, its nodes stay up with their boards until Ctrl-C.</summary>
internal static class DemoBoard
{
    public static async Task KeepUpAsync(DemoOutcome outcome, LocalFederation federation, CancellationToken ct)
    {
        DemoReport.Print(outcome);
        var guest = federation.Config.Party(DemoScenario.Guest);
        Console.WriteLine();
        Console.WriteLine($"Board of the guest (party {guest.Id}): {new Uri(guest.Address, BoardPaths.Jobs)}");
        Console.WriteLine($"  sign in with the node's operator token: {OperatorToken.Read(federation.HomeOf(guest.Id))}");
        Console.WriteLine($"  (kept in {OperatorToken.PathIn(federation.HomeOf(guest.Id))})");
        Console.WriteLine($"  the nodes' certificates are issued by this demo's own CA, {federation.Config.CaCertificate}:");
        Console.WriteLine("  import it into the browser's trusted authorities, or accept the browser's warning for this address");
        foreach (var party in federation.Config.Parties.Where(p => p.Id != guest.Id))
        {
            Console.WriteLine($"  party {party.Id}'s board: {new Uri(party.Address, BoardPaths.Jobs)} (token in {OperatorToken.PathIn(federation.HomeOf(party.Id))})");
        }
        Console.WriteLine("Press Ctrl-C to stop the nodes.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.WriteLine("stopping the nodes");
        }
    }
}
