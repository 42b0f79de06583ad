using Concord.Federation.Parties;

namespace Concord.Flow.Dsl;

/// <summary>
/// Whether a job's parties are the federation's, role by role, as its parties.yaml lists them. The CLI asks before
/// it sends a job, and every node again on receipt: a party missing from the file would otherwise surface only
/// when the job starts, as an unreachable address.
/// </summary>
public static class FederationRoster
{
    /// <summary>Throws a <see cref="JobFileException"/> with a line per party the federation does not list as the job does.</summary>
    public static void Check(JobDefinition job, FederationConfig federation)
    {
        var errors = new List<JobFileError>();
        foreach (var party in job.Roster.ToRoster().All())
        {
            var (line, column) = job.PartyMarks.TryGetValue(party.Id, out var mark) ? mark : (0, 0);
            var role = party.Role.ToWire();
            var member = federation.Parties.FirstOrDefault(p => p.Id == party.Id);
            if (member is null)
            {
                errors.Add(new JobFileError(job.Source, line, column, "", $"party {party.Id} ({role}) is not in {federation.SourceFile}; it lists {string.Join(", ", federation.Parties.Select(p => $"{p.Id} ({p.Role.ToWire()})"))}"));
            }
            else if (member.Role != party.Role)
            {
                errors.Add(new JobFileError(job.Source, line, column, "", $"the job names party {party.Id} as {role}, but {federation.SourceFile} lists it as {member.Role.ToWire()}"));
            }
        }
        if (errors.Count > 0)
        {
            throw new JobFileException(job.Source, errors, errors.Count);
        }
    }
}
