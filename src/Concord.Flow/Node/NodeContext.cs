using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Deployment;
using Concord.Flow.Governance;
using Concord.Flow.Jobs;
using Concord.Flow.Serving;
using Concord.Flow.Store;

namespace Concord.Flow.Node;

/// <summary>What a <see cref="INodeExtension"/> may use of the running node: its party's records and the services the operator API calls.</summary>
/// <param name="Credentials">Recognises the same operator certificates and tokens as the REST API.</param>
/// <param name="Models">Exports a model signed with this party's certificate, as the REST API does.</param>
/// <param name="Governance">Where sign-ins and refusals are recorded (the audit trail, then the node's own listener).</param>
public sealed record NodeContext(
    int PartyId,
    string PartyHome,
    PartyJobs Jobs,
    JobScheduler Scheduler,
    OperatorCredentials Credentials,
    IGovernanceEvents Governance,
    GuestServing Serving,
    PipelineDeployer Deployer,
    ModelExport Models)
{
    public IFlowStore Store => Jobs.Party.Store;
}
