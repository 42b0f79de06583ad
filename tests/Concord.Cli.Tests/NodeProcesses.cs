namespace Concord.Cli.Tests;

/// <summary>
/// Tests that start whole federations of node processes run one class at a time: on two cores, several
/// federations at once starve each other, and tests that act at a moment mid-job (kill, stop) lose their moment.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeProcesses
{
    public const string Name = "node processes";
}
