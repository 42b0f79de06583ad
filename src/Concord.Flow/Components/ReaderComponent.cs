namespace Concord.Flow.Components;

/// <summary>Reads the party's own table, named per party in the job, as the start of a pipeline.</summary>
public sealed class ReaderComponent : IFederatedComponent
{
    public string Type => "reader";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = TableParameter.Load(run, ct);
        run.Log($"read {table.RowCount} rows, {table.FeatureCount} features{(table.Labels is null ? "" : $", label \"{table.Schema.LabelName}\"")}");
        return Task.FromResult(new ComponentOutput(Data: table));
    }
}
