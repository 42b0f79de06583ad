using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;

namespace Concord.Flow.Components.Homo;

/// <summary>homo_lr: <see cref="HomoLogisticModel"/> in the horizontal framework.</summary>
public sealed class HomoLrComponent : HomoComponent
{
    public override string Type => "homo_lr";

    protected override ComponentSpec Spec => HomoLrSpec.Spec;

    protected override ILocalModelFactory Factory(JsonObject parameters, long seed) => new HomoLrFactory(Options(parameters));

    protected override bool IsClassification(JsonObject parameters) => true;

    /// <summary>The local model's options from the job's parameters; public so a LocalBaseline trains with the same ones.</summary>
    public static HomoLrOptions Options(JsonObject p) => OptionsBinder.Bind<HomoLrOptions>(p, HomoLrSpec.Spec);
}
