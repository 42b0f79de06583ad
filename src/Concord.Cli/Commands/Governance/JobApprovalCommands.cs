using System.CommandLine;
using Concord.Cli.Commands.Job;
using Concord.Flow.Governance;

namespace Concord.Cli.Commands.Governance;

/// <summary>
/// <c>concord job show|approve|reject JOB --party P</c>: what a job would do at a party, and that party's operator's
/// verdict on a job waiting there for approval.
/// </summary>
internal static class JobApprovalCommands
{
    public static IEnumerable<Command> Build()
    {
        yield return Show();
        yield return Decide("approve", "Approve a job waiting at this party; it starts once every party has approved it.", ApprovalDecision.Approved);
        yield return Decide("reject", "Reject a job waiting at this party; it fails everywhere, with your reason.", ApprovalDecision.Rejected);
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a job as it would run at a party: each component, its parameters there, and the tables it touches.");
        var id = JobIdArgument(command);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var review = await api.ReviewJobAsync(parse.GetValue(id)!, ct);
            var job = review.Job;
            Console.WriteLine($"{job.JobId} ({job.Spec.Name}) from party {job.Spec.Initiator}: {JobCommand.Word(job.State)}{(job.Error is null ? "" : $": {job.Error}")}");
            if (review.Approval is { } verdict)
            {
                Console.WriteLine($"{verdict.Decision.ToString().ToLowerInvariant()} by {verdict.DecidedBy} at {verdict.DecidedAt:yyyy-MM-dd HH:mm:ss}Z{(verdict.Reason is null ? "" : $": {verdict.Reason}")}");
            }
            foreach (var component in review.Components)
            {
                Console.WriteLine($"- {component.Name} ({component.Type}){(component.Inputs.Count == 0 ? "" : $" <- {string.Join(", ", component.Inputs)}")}");
                Console.WriteLine($"    tables: {(component.Tables.Count == 0 ? "none" : string.Join(", ", component.Tables))}");
                Console.WriteLine($"    parameters: {component.Parameters.ToJsonString()}");
            }
            return 0;
        });
    }

    private static Command Decide(string name, string description, ApprovalDecision decision)
    {
        var command = new Command(name, description);
        var id = JobIdArgument(command);
        var reason = new Option<string?>("--reason") { Description = "Why; the initiator reads it" };
        command.Options.Add(reason);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var verdict = await api.DecideJobAsync(parse.GetValue(id)!, decision, parse.GetValue(reason), ct);
            Console.WriteLine($"{verdict.JobId}: {verdict.Decision.ToString().ToLowerInvariant()} at party {api.PartyId} by {verdict.DecidedBy}");
            return 0;
        });
    }

    private static Argument<string> JobIdArgument(Command command)
    {
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        command.Arguments.Add(id);
        return id;
    }
}
