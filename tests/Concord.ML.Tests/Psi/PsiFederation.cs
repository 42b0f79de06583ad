using Concord.Crypto.Rsa;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>A guest and its hosts running PSI by the options' method in one process, each with its own transcript.</summary>
internal sealed record PsiFederation(PsiResult Guest, IReadOnlyList<PsiResult> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts)
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    // One key per host for the whole test run: RSA hosts make a fresh key per run, but the tests need to know it.
    private static readonly Lazy<RsaPrivateKey>[] RsaKeys =
        [.. Enumerable.Range(0, 3).Select(_ => new Lazy<RsaPrivateKey>(() => RsaKeyGenerator.Generate(PsiOptions.MinRsaKeyBits)))];

    /// <summary>The RSA key host number <paramref name="index"/> (from 0) signs with.</summary>
    public static RsaPrivateKey RsaKey(int index) => RsaKeys[index].Value;

    /// <summary>Options for <paramref name="method"/>, with RSA's smallest key, which is fast enough for tests.</summary>
    public static PsiOptions Options(PsiMethod method, string salt = "test-salt") => new(salt, Method: method, RsaKeyBits: PsiOptions.MinRsaKeyBits);

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
        var guestTask = Task.Run(() => GuestRole(contexts[GuestId], options.Method)(guest, options));
        var hostTasks = hosts.Select((ids, i) => Task.Run(() => HostRole(contexts[FirstHostId + i], i, hostOptions.Method)(ids, hostOptions))).ToList();
        return (guestTask, hostTasks, transcripts);
    }

    /// <summary>The guest's role for <paramref name="method"/>.</summary>
    public static PsiRole GuestRole(FederationContext context, PsiMethod method) => method == PsiMethod.Rsa
        ? new RsaPsiGuest(context).RunAsync
        : new EcdhPsiGuest(context).RunAsync;

    /// <summary>Host number <paramref name="index"/>'s role for <paramref name="method"/>, RSA with <see cref="RsaKey"/>.</summary>
    public static PsiRole HostRole(FederationContext context, int index, PsiMethod method) => method == PsiMethod.Rsa
        ? new RsaPsiHost(context, (_, _) => RsaKey(index)).RunAsync
        : new EcdhPsiHost(context).RunAsync;

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

/// <summary>One party's PSI role, whichever the method.</summary>
internal delegate Task<PsiResult> PsiRole(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default);
