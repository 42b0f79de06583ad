using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Transport;
using Concord.Flow.Components;
using Concord.Flow.Control;

namespace Concord.Flow.Tasks;

/// <summary>Runs this party's role of each job it is asked to join, and remembers how each went.</summary>
public sealed class TaskRunner(int selfId, IFederationTransport transport, ComponentCatalog catalog, string partyHome, Action<string> log)
{
    private readonly ConcurrentDictionary<string, RunningTask> _tasks = new();

    public TaskReport Start(TaskRequest request)
    {
        var component = catalog.Get(request.Component);
        var self = request.Roster.RoleOf(selfId);
        var cancel = new CancellationTokenSource();
        var task = new RunningTask(request.JobId, selfId, cancel);
        if (!_tasks.TryAdd(request.JobId, task))
        {
            cancel.Dispose();
            return _tasks[request.JobId].Report();
        }
        var context = new FederationContext(request.JobId, self, request.Roster.ToRoster(), transport).Sub(component.Type);
        void Log(string line) => log($"[{request.JobId} {request.Component} {self}] {line}");
        task.Completion = Task.Run(async () =>
        {
            task.State = TaskState.Running;
            Log("started");
            try
            {
                var run = new ComponentRun(context, request.Parameters, partyHome, new Dictionary<string, Data.PartyTable>(), NoCheckpoints.Instance, Log);
                task.Result = (await component.RunAsync(run, cancel.Token).ConfigureAwait(false)).Metrics;
                task.State = TaskState.Success;
                Log("succeeded");
            }
            catch (Exception ex)
            {
                task.Error = ex is OperationCanceledException && cancel.IsCancellationRequested ? "canceled" : Describe(ex);
                task.State = TaskState.Failed;
                Log($"failed: {task.Error}");
            }
        });
        return task.Report();
    }

    public TaskReport? Report(string jobId) => _tasks.TryGetValue(jobId, out var task) ? task.Report() : null;

    public void Cancel(string jobId)
    {
        if (_tasks.TryGetValue(jobId, out var task))
        {
            task.Cancel.Cancel();
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        FederationException or ArgumentException or InvalidDataException or InvalidOperationException => ex.Message,
        AggregateException { InnerException: { } inner } => Describe(inner),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private sealed class RunningTask(string jobId, int party, CancellationTokenSource cancel)
    {
        public CancellationTokenSource Cancel { get; } = cancel;

        public volatile TaskState State = TaskState.Waiting;

        public string? Error { get; set; }

        public JsonNode? Result { get; set; }

        public Task? Completion { get; set; }

        public TaskReport Report() => new(jobId, party, State, Error, Result?.DeepClone());
    }
}
