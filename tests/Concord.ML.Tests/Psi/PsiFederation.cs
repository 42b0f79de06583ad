using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>A guest and its hosts running ECDH-PSI in one process, each with its own transcript.</summary>
internal sealed record PsiFederation(PsiResult Guest, IReadOnlyList<PsiResult> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts)
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    /// <summary>Runs every role to completion; the first failure of any party is thrown.</summary>
    public static async Task<PsiFederation> RunAsync(PsiOptions options, IReadOnlyList<string> guest, params IReadOnlyList<string>[] hosts)
    {
        var (guestTask, hostTasks, transcripts) = Start(options, guest, hosts);
        await Task.WhenAll([guestTask, .. hostTasks]);
        return new PsiFederation(await guestTask, [.. hostTasks.Select(t => t.Result)], transcripts);
    }

    /// <summary>Starts every role; the tasks fail as each party does.</summary>
    public static (Task<PsiResult> Guest, IReadOnlyList<Task<PsiResult>> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts) Start(
        PsiOptions options, IReadOnlyList<string> guest, params IReadOnlyList<string>[] hosts) => Start(options, options, guest, hosts);

    /// <summary>Starts every role, the hosts with options of their own (e.g. a different salt).</summary>
    public static (Task<PsiResult> Guest, IReadOnlyList<Task<PsiResult>> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts) Start(
        PsiOptions options, PsiOptions hostOptions, IReadOnlyList<string> guest, params IReadOnlyList<string>[] hosts)
    {
        var (contexts, transcripts) = Join(hosts.Length);
        var guestTask = Task.Run(() => new PsiGuest(contexts[GuestId]).RunAsync(guest, options));
        var hostTasks = hosts.Select((ids, i) => Task.Run(() => new PsiHost(contexts[FirstHostId + i]).RunAsync(ids, hostOptions))).ToList();
        return (guestTask, hostTasks, transcripts);
    }

    /// <summary>Every party's context, scoped to the component, by party id, each recording what it receives.</summary>
    public static (IReadOnlyDictionary<int, FederationContext> Contexts, IReadOnlyDictionary<int, Transcript> Transcripts) Join(int hosts)
    {
        // A protocol that waits for a message nobody sends should fail the test quickly, not in 10 minutes.
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromSeconds(30) });
        var roster = new Roster(GuestId, [.. Enumerable.Range(FirstHostId, hosts)]);
        var transcripts = roster.All().ToDictionary(p => p.Id, _ => new Transcript());
        // Everyone joins before anyone sends, as nodes are up before a job starts.
        var contexts = roster.All().ToDictionary(p => p.Id, p => new FederationContext("job-psi", p, roster, network.Join(p.Id), transcripts[p.Id]).Sub("psi"));
        return (contexts, transcripts);
    }
}
