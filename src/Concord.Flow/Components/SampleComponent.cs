using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.Sample;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's sample: in a vertical job the guest draws and the hosts keep the same ids (see <see cref="SampleGuest"/>);
/// with hetero_sync false each party samples its own rows, by SMOTE if asked.
/// </summary>
public sealed class SampleComponent : IFederatedComponent
{
    public string Type => "sample";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var options = OptionsBinder.Bind<SampleOptions>(run.Parameters, SampleSpec.Spec);
        var seed = options.RandomState ?? run.Seed;
        Data.PartyTable sampled;
        try
        {
            sampled = run.Context.Self.Role == Role.Guest
                ? await new SampleGuest(run.Context).RunAsync(table, options, seed, ct).ConfigureAwait(false)
                : await new SampleHost(run.Context).RunAsync(table, options, seed, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"party {run.Context.Self}: {ex.Message}", ex);
        }
        run.Log($"sampled {sampled.RowCount} rows of {table.RowCount}");
        var metrics = new JsonObject { ["original_count"] = table.RowCount, ["sampled_count"] = sampled.RowCount };
        if (sampled.Labels is double[] labels)
        {
            metrics["sampled_by_label"] = new JsonObject([.. labels.GroupBy(l => l).OrderBy(g => g.Key)
                .Select(g => KeyValuePair.Create(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)g.Count()))]);
        }
        return new ComponentOutput(sampled, metrics);
    }
}
