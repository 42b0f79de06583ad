using Concord.Data;
using Concord.Data.Tests;
using Concord.Flow.Api;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Concord.Flow.Tests;
using Microsoft.Playwright;

namespace Concord.Board.BrowserTests;

/// <summary>
/// Guest, host and arbiter nodes in this process, each serving its board, with the breast tables uploaded and 1,000
/// earlier jobs in the guest's store, and one headless Chromium: what every browser test shares
/// (<see cref="BoardCollection"/>).
/// </summary>
public sealed class BoardFederation : IAsyncLifetime
{
    /// <summary>Jobs the guest's store holds before any test runs, as the issue's page-load bar asks.</summary>
    public const int SeededJobs = 1000;

    private static readonly TableName Table = new("demo", "breast_hetero");
    private readonly object _gate = new();
    private IPlaywright? _playwright;
    private Task<string>? _finished;

    internal LoopbackNodes Nodes { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    public string GuestHome => Nodes.Config.Party(BreastJob.Guest).Home!;

    public string Token => OperatorToken.Read(GuestHome);

    /// <summary>The absolute address of a path on the guest's node, whose board lives under <see cref="BoardPaths.Root"/>.</summary>
    public string Url(string path) => new Uri(Nodes.Config.Party(BreastJob.Guest).Address, path).ToString();

    public async Task InitializeAsync()
    {
        if (SystemChromium.UnavailableReason is not null)
        {
            // Every test is skipped; starting nodes for none would only cost time.
            return;
        }
        var catalog = new ComponentCatalog([new ReaderComponent(), new PsiComponent(), .. HeteroLinearComponent.All, new EvaluationComponent()]);
        Nodes = await LoopbackNodes.StartAsync(catalog, BreastJob.Guest, [BreastJob.Host], BreastJob.Arbiter, configure: s => s with { Extensions = [new BoardExtension()] });
        Upload(BreastJob.Guest, "breast_hetero_guest.csv", new CsvReadOptions());
        Upload(BreastJob.Host, "breast_hetero_host.csv", new CsvReadOptions { LabelRequired = false });
        await SeedJobsAsync(GuestHome);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(SystemChromium.LaunchOptions());
    }

    private void Upload(int party, string file, CsvReadOptions options) =>
        TableStore.Open(Nodes.Config.Party(party).Home!).Save(Table, CsvTableReader.Read(ExampleData.PathOf(file), options), options: new SaveOptions { Overwrite = true });

    /// <summary>A fresh browser context (no cookie yet) at 1280×800 that accepts the federation CA's certificate.</summary>
    internal async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            // The node presents a certificate of the federation's own CA, which this browser has never heard of.
            IgnoreHTTPSErrors = true,
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    internal OperatorClient Operator() => Nodes.WithToken(BreastJob.Guest);

    /// <summary>Submits a breast job to the guest and returns its id, without waiting for it.</summary>
    internal async Task<string> SubmitAsync(string name, int iterations)
    {
        using var api = Operator();
        return await api.SubmitAsync(BreastJob.File(name, iterations), $"{name}.yaml", CancellationToken.None);
    }

    /// <summary>One job run to success, shared by the tests that only look at a finished job (DAG, ROC, screenshots).</summary>
    internal Task<string> FinishedJobAsync()
    {
        lock (_gate)
        {
            return _finished ??= RunToSuccessAsync();
        }

        async Task<string> RunToSuccessAsync()
        {
            var jobId = await SubmitAsync("board-finished", 3);
            await WaitForStateAsync(jobId, TaskState.Success);
            return jobId;
        }
    }

    /// <summary>Polls the REST API until the job is in one of <paramref name="states"/>; 3 minutes is only a broken run.</summary>
    internal async Task<JobView> WaitForStateAsync(string jobId, params TaskState[] states)
    {
        using var api = Operator();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var view = await api.GetJobAsync(jobId, limit.Token);
            if (states.Contains(view.Job.State))
            {
                return view;
            }
            // Nothing the tests do turns a failed job into another state: fail now, with the job's own reason.
            Assert.False(view.Job.State == TaskState.Failed, $"job {jobId} failed ({view.Job.Error}) while the test waited for {string.Join(" or ", states)}");
            await Task.Delay(200, limit.Token);
        }
    }

    /// <summary>Stops a job a test left running, so that it takes no more of the machine from the next test.</summary>
    internal async Task StopQuietlyAsync(string jobId)
    {
        using var api = Operator();
        if (!JobStateMachine.IsFinished((await api.GetJobAsync(jobId, CancellationToken.None)).Job.State))
        {
            await api.StopAsync(jobId, CancellationToken.None);
        }
    }

    /// <summary>Finished jobs written straight into the guest's store through a second handle on it, newest last.</summary>
    private static async Task SeedJobsAsync(string home)
    {
        using var store = await FlowStore.OpenAsync(home, null);
        var roster = new RosterSpec(BreastJob.Guest, [BreastJob.Host], BreastJob.Arbiter);
        for (var i = 0; i < SeededJobs; i++)
        {
            var name = $"seeded-{i:0000}";
            var job = await store.CreateJobAsync(new JobSpec($"seed{i:0000}", name, BreastJob.Guest, roster, BreastJob.File(name, 3), i));
            await store.TryTransitionJobAsync(job.JobId, TaskState.Waiting, TaskState.Running);
            // Some failures among the successes, as in any real history.
            await (i % 10 == 3
                ? store.TryTransitionJobAsync(job.JobId, TaskState.Running, TaskState.Failed, $"party {BreastJob.Host} (host) failed in psi_0: seeded failure")
                : store.TryTransitionJobAsync(job.JobId, TaskState.Running, TaskState.Success));
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Nodes is not null)
        {
            await Nodes.DisposeAsync();
        }
    }
}
