using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;

namespace Concord.Flow.Components.Homo;

/// <summary>homo_nn: the network the job's layers define, trained by the horizontal framework.</summary>
public sealed class HomoNnComponent : HomoComponent
{
    public override string Type => "homo_nn";

    protected override ComponentSpec Spec => HomoNnSpec.Spec;

    protected override ILocalModelFactory Factory(JsonObject parameters, long seed) => new NeuralModelFactory(NeuralModelParser.Parse(parameters));

    protected override bool IsClassification(JsonObject parameters) => !HomoNnSpec.IsRegression(parameters);
}
