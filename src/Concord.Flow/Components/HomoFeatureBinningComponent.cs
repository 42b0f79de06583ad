using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.HomoBinning;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's homo feature binning (quantile): the guest and the hosts find the union's cut points together (see
/// <see cref="HomoBinningGuest"/>), and each party bins its own rows. The cut points are every party's model; given
/// as input_model, a predict pipeline bins new rows with them and exchanges nothing.
/// </summary>
public sealed class HomoFeatureBinningComponent : IFederatedComponent
{
    public string Type => "homo_feature_binning";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        var table = run.RequireInput("data");
        var options = OptionsBinder.Bind<HomoBinningOptions>(run.Parameters, HomoFeatureBinningSpec.Spec);
        BinCuts cuts;
        if (run.Slots.Contains("input_model"))
        {
            cuts = run.Models.TryGetValue("input_model", out var bytes)
                ? BinCuts.FromBytes(bytes, $"party {self}'s input_model")
                : throw new ArgumentException($"party {self}: input_model holds no homo_feature_binning model at this party; load one with model_loader from its registry");
            run.Log($"applying the fitted cut points of {cuts.Columns.Length} columns");
        }
        else
        {
            if (table.FeatureCount == 0)
            {
                throw new ArgumentException($"homo_feature_binning: party {self}'s table has no feature column to bin");
            }
            var columns = TableColumns.Features(table);
            cuts = self.Role == Role.Guest
                ? await new HomoBinningGuest(run.Context).RunAsync(columns, options, ct).ConfigureAwait(false)
                : await new HomoBinningHost(run.Context).RunAsync(columns, ct).ConfigureAwait(false);
            run.Log($"found the cut points of {cuts.Columns.Length} columns with {options.BinNum} bins each");
        }
        var output = options.TransformType == BinTransform.BinNum ? cuts.Transform(table) : table;
        return new ComponentOutput(Data: output, Metrics: Report(cuts), Model: cuts.ToBytes());
    }

    /// <summary>Each column's cut points (finite ones as numbers; an infinite cut as its name), for the job's metrics.</summary>
    private static JsonObject Report(BinCuts cuts)
    {
        var splits = new JsonObject();
        foreach (var (name, points) in cuts.Columns.Zip(cuts.Cuts))
        {
            splits[name] = new JsonArray([.. points.Select(p => double.IsFinite(p) ? JsonValue.Create(p) : (JsonNode)JsonValue.Create(p.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        }
        return new JsonObject { ["split_points"] = splits };
    }
}
