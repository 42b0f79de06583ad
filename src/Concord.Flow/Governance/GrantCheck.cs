using Concord.Data;
using Concord.Flow.Dsl;

namespace Concord.Flow.Governance;

/// <summary>A table a component would touch without a grant that allows it.</summary>
public sealed record MissingGrant(TableName Table, string Component, string ComponentType)
{
    public override string ToString() => $"{Component} ({ComponentType}) would touch table {Table}";
}

/// <summary>
/// Whether the grants a party holds let a job initiated by another party use its tables. Pure, so the rule can
/// be tested on its own; the party applies it before any of its data moves.
/// </summary>
public static class GrantCheck
{
    /// <summary>The outcome: what is missing, and which grants would serve the job (one per table and component type).</summary>
    public sealed record Result(IReadOnlyList<MissingGrant> Missing, IReadOnlyList<DataGrant> Used)
    {
        public bool Allowed => Missing.Count == 0;
    }

    public static Result Evaluate(JobDefinition job, int party, string jobId, IReadOnlyList<DataGrant> grants, DateTimeOffset now)
    {
        var initiator = job.Roster.Guest;
        var missing = new List<MissingGrant>();
        var used = new List<DataGrant>();
        foreach (var (component, tables) in TableUse.At(job, party))
        {
            // Loading a table sends nothing, so a reader needs only some grant of the table; what uses it needs one for its type.
            var type = TableUse.Loads(component) ? null : component.Type;
            foreach (var table in tables.OrderBy(t => t.ToString(), StringComparer.Ordinal))
            {
                // A standing grant is preferred, so that a one-job grant is not used up while another would do.
                var grant = grants
                    .Where(g => g.Table == table && g.Covers(initiator, type, jobId, now))
                    .OrderBy(g => g.Once && g.JobId is null)
                    .FirstOrDefault();
                if (grant is null)
                {
                    missing.Add(new MissingGrant(table, component.Name, component.Type));
                }
                else if (!used.Contains(grant))
                {
                    used.Add(grant);
                }
            }
        }
        return new Result(missing, used);
    }

    /// <summary>The one-line refusal: the party, the job, and for each gap the table, the component and the grant it lacks.</summary>
    public static string Refusal(int party, string jobId, int initiator, IReadOnlyList<MissingGrant> missing) =>
        $"party {party} refuses job {jobId}: "
        + string.Join("; ", missing.Select(m => $"{m} but no grant lets party {initiator} use {m.Table} for {m.ComponentType}"))
        + $" (an admin at party {party} can add one: concord grant add --party {party} --table {missing[0].Table.Namespace}/{missing[0].Table.Name} --to {initiator} --components {string.Join(",", missing.Select(m => m.ComponentType).Distinct())})";
}
