using System.Diagnostics;
using Concord.Flow.Control;
using Concord.ML;
using Concord.ML.Serving;

namespace Concord.Flow.Serving;

/// <summary>One customer to score: the id every host looks up, and the guest's features in the scorer's order (NaN where missing).</summary>
public sealed record ServingRow(string Id, double[] Features);

/// <summary>A row's outcome: its scores, or why it has none.</summary>
public sealed record RowScore(double[]? Scores, ServingException? Error);

/// <summary>
/// One version of a deployment as the guest runs it: the scorer, and a micro-batcher whose every batch asks each
/// host once, in parallel, within the deadline. A host that does not answer in time, or cannot be reached, fails
/// the batch with a 503 naming it: a score is never made from the guest's half alone.
/// </summary>
internal sealed class GuestDeployment : IAsyncDisposable
{
    private readonly GuestScorer _scorer;
    private readonly Func<int, ControlClient> _hosts;
    private readonly MicroBatcher<ServingRow, RowScore> _batcher;

    public GuestDeployment(DeploymentView view, GuestScorer scorer, Func<int, ControlClient> hosts, ServingLimits limits)
    {
        View = view;
        _scorer = scorer;
        _hosts = hosts;
        _batcher = new MicroBatcher<ServingRow, RowScore>(ScoreAsync, limits.MaxBatch, limits.Workers, limits.QueueCapacity);
    }

    public DeploymentView View { get; }

    public GuestScorer Scorer => _scorer;

    /// <summary>Rows served, the recent rate and latencies, for the board's serving page.</summary>
    public ServingMeter Meter { get; } = new();

    public Task<RowScore> SubmitAsync(ServingRow row)
    {
        var started = Stopwatch.GetTimestamp();
        if (_batcher.TrySubmit(row, out var result))
        {
            return MeasuredAsync(result, started);
        }
        Meter.Record(null, failed: true);
        throw _batcher.IsClosed
            ? new ServingException(503, $"deployment {View.Name} version {View.Version} was replaced or undeployed during the request; retry it")
            : new ServingException(503, $"deployment {View.Name} has {_batcher.Capacity} requests waiting, its limit; retry later");
    }

    private async Task<RowScore> MeasuredAsync(Task<RowScore> answer, long started)
    {
        try
        {
            var score = await answer.ConfigureAwait(false);
            Meter.Record(Stopwatch.GetElapsedTime(started), failed: score.Error is not null);
            return score;
        }
        catch
        {
            Meter.Record(Stopwatch.GetElapsedTime(started), failed: true);
            throw;
        }
    }

    private async Task<RowScore[]> ScoreAsync(IReadOnlyList<ServingRow> rows)
    {
        string[] ids = [.. rows.Select(r => r.Id)];
        using var deadline = new CancellationTokenSource(View.DeadlineMs);
        var answers = await Task.WhenAll(_scorer.Hosts.Select(h => AskAsync(h, ids, deadline.Token))).ConfigureAwait(false);
        var results = new RowScore?[rows.Count];
        for (var h = 0; h < answers.Length; h++)
        {
            foreach (var i in answers[h].Unknown.Where(i => (uint)i < (uint)rows.Count))
            {
                results[i] ??= new RowScore(null, new ServingException(404, $"party {_scorer.Hosts[h]} has no row for id \"{ids[i]}\" in its table {View.Hosts[_scorer.Hosts[h]].Table}"));
            }
        }
        var columns = new NumericColumns(_scorer.Features, [.. Enumerable.Range(0, _scorer.Features.Count).Select(j => rows.Select(r => r.Features[j]).ToArray())]);
        double[][] scores;
        try
        {
            scores = _scorer.Score(columns, [.. answers.Select(a => a.Answers)]);
        }
        catch (Exception ex) when (ex is InvalidDataException or Concord.Federation.FederationException)
        {
            // A host's answers of the wrong size or not finite: the message names the host.
            throw new ServingException(502, $"deployment {View.Name}: {ex.Message}");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] ??= new RowScore([.. scores.Select(output => output[i])], null);
        }
        return results!;
    }

    private async Task<HostAnswer> AskAsync(int host, string[] ids, CancellationToken deadline)
    {
        try
        {
            var answer = await _hosts(host).AskServingAsync(View.Name, new HostAsk(View.Version, ids), deadline).ConfigureAwait(false);
            return answer is { Answers: not null, Unknown: not null }
                ? answer
                : throw new ServingException(502, $"party {host} sent an answer without its answers or its unknown ids (deployment {View.Name})");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new ServingException(503, $"party {host} did not answer within {View.DeadlineMs} ms (deployment {View.Name})");
        }
        catch (Concord.Federation.FederationException ex)
        {
            throw new ServingException(503, $"party {host} could not answer for deployment {View.Name}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
