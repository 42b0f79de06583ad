using Concord.Federation.Parties;
using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Jobs;

/// <summary>
/// What a node checks before it takes on a job, whoever asks: the file within the node's limits, and a roster
/// that the federation's parties.yaml agrees with, party by party and role by role. A job that names a party
/// in a role its operator never gave it (the way a peer would dress up an unsolicited job) is refused here.
/// </summary>
public sealed class JobAdmission(JobLimits limits, FederationConfig federation, ComponentSpecs specs)
{
    public JobLimits Limits => limits;

    /// <summary>The checked job; throws <see cref="JobFileException"/> or <see cref="ArgumentException"/> naming what is wrong.</summary>
    public JobDefinition Admit(string jobFile, string sourceName)
    {
        var job = JobFile.Parse(jobFile, sourceName, specs, limits);
        FederationRoster.Check(job, federation);
        return job;
    }
}
