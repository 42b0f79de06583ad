using System.Text.Json.Nodes;
using Concord.Flow.Serving;

namespace Concord.Flow.Deployment;

/// <summary>What an operator asks of the guest: deploy the models of training job <paramref name="JobId"/> (all that can predict when <paramref name="Components"/> is null) as <paramref name="Name"/>.</summary>
public sealed record DeployRequest(string JobId, string? Name = null, IReadOnlyList<string>? Components = null);

/// <summary>A deployed pipeline: its name, where it came from, and the version each party registered for it.</summary>
/// <param name="Template">The predict job, readers without their tables.</param>
public sealed record DeployedPipeline(string Name, string TrainingJob, IReadOnlyList<string> Fitted, Dictionary<int, int> Versions, JsonObject Template);

/// <summary>The guest asks a party to bundle its shares of a training job's fitted components under the deployment's name.</summary>
public sealed record BundleRequest(string Name, string TrainingJob, IReadOnlyList<string> Fitted, JsonObject Template);

/// <summary>Run a deployment on new rows: one table name for every party, and per party ids any that differ.</summary>
public sealed record PipelinePredict(TableRef? Table, Dictionary<int, TableRef>? Tables = null);

/// <summary>The predict job a deployment started, and the guest's tables its models will write their scores to.</summary>
public sealed record PipelineJob(string JobId, string Deployment, IReadOnlyList<TableRef> Scores);
