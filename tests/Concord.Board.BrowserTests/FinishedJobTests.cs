using Concord.Flow.Control;
using Concord.Flow.Dsl;

namespace Concord.Board.BrowserTests;

/// <summary>What the board shows of a finished job matches what the job file and the REST API say.</summary>
[Collection(BoardCollection.Name)]
public class FinishedJobTests(BoardFederation board)
{
    [BrowserFact]
    public async Task The_DAG_shows_every_component_of_the_job_file_in_its_final_state()
    {
        var jobId = await board.FinishedJobAsync();
        using var api = board.Operator();
        var view = await api.GetJobAsync(jobId, CancellationToken.None);
        var inFile = JobFile.Parse(view.Job.Spec.JobFile, "stored job file").Components.Select(c => c.Name).ToList();
        var dag = await api.DagAsync(jobId, CancellationToken.None);

        var page = await board.SignedInAsync(BoardPaths.Job(jobId));
        var nodes = page.Locator("svg .dag-node");
        var shown = new Dictionary<string, string>();
        for (var i = 0; i < await nodes.CountAsync(); i++)
        {
            shown[(await nodes.Nth(i).GetAttributeAsync("data-component"))!] = (await nodes.Nth(i).GetAttributeAsync("data-state"))!;
        }

        Assert.Equal(BreastJob.Components, inFile);
        Assert.Equal(inFile.Order(), shown.Keys.Order());
        Assert.All(shown.Values, state => Assert.Equal("success", state));
        Assert.Equal(dag.Select(n => n.Name).Order(), shown.Keys.Order());
        Assert.All(dag, n => Assert.All(n.States.Values, state => Assert.Equal(TaskState.Success, state)));
    }
}
