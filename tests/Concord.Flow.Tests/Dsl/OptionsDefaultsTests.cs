using System.Text.Json.Nodes;
using Concord.Flow.Components;
using Concord.Flow.Components.Homo;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Correlation;
using Concord.ML.DataTransform;
using Concord.ML.Evaluation;
using Concord.ML.FeatureBinning;
using Concord.ML.FeatureSelection;
using Concord.ML.HomoBinning;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Linear;
using Concord.ML.Neural.Definition;
using Concord.ML.Preprocessing.DataSplit;
using Concord.ML.Preprocessing.FeatureScale;
using Concord.ML.Preprocessing.Imputation;
using Concord.ML.Preprocessing.LabelTransform;
using Concord.ML.Preprocessing.OneHot;
using Concord.ML.Preprocessing.Sample;
using Concord.ML.Preprocessing.Union;
using Concord.ML.Psi;
using Concord.ML.Scorecard;
using Concord.ML.SecureBoost;
using Concord.ML.Stability;
using Concord.ML.Statistics;
using Concord.ML.Validation;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>
/// A job that sets no parameter trains with the options records' own defaults: what the DSL fills in for a component
/// and what the protocol assumes cannot drift apart (a hand-written default or a bad conversion would fail here).
/// </summary>
public sealed class OptionsDefaultsTests
{
    private const int Guest = 9999;

    /// <summary>The parameters a party gets from a job that names the component and sets nothing.</summary>
    private static JsonObject Unset(string type, string input, int party = Guest, string required = "{}") =>
        Parse(Job($$"""
            {{Reader}}
            - name: c_0
              type: {{type}}
              inputs: { {{input}}: reader_0.data }
              parameters: {{required}}
            """)).Component("c_0").ParametersFor(party);

    [Fact]
    public void Psi_and_data_transform() => Assert.Multiple(
        () => Assert.Equal(new PsiOptions(), OptionsBinder.Bind<PsiOptions>(Unset("psi", "data"), PsiSpec.Spec)),
        () => Assert.Equal(new DataTransformOptions(), OptionsBinder.Bind<DataTransformOptions>(Unset("data_transform", "data"), DataTransformSpec.Spec)));

    [Fact]
    public void Hetero_feature_binning() =>
        Assert.Equal(new FeatureBinningOptions(), OptionsBinder.Bind<FeatureBinningOptions>(Unset("hetero_feature_binning", "data"), FeatureBinningSpec.Spec));

    [Fact]
    public void Preprocessing() => Assert.Multiple(
        () => Assert.Equal(new DataSplitOptions(), OptionsBinder.Bind<DataSplitOptions>(Unset("data_split", "data"), DataSplitSpec.Spec)),
        () => Assert.Equal(new FeatureScaleOptions(), OptionsBinder.Bind<FeatureScaleOptions>(Unset("feature_scale", "data"), FeatureScaleSpec.Spec)),
        () => Assert.Equal(new ImputationOptions(), OptionsBinder.Bind<ImputationOptions>(Unset("feature_imputation", "data"), ImputationSpec.Spec)),
        () => Assert.Equal(new OneHotOptions(), OptionsBinder.Bind<OneHotOptions>(Unset("one_hot_encoder", "data"), OneHotSpec.Spec)),
        () => Assert.Equal(new LabelTransformOptions(), OptionsBinder.Bind<LabelTransformOptions>(Unset("label_transform", "data"), LabelTransformSpec.Spec)),
        () => Assert.Equal(new SampleOptions(), OptionsBinder.Bind<SampleOptions>(Unset("sample", "data"), SampleSpec.Spec)),
        () => Assert.Equal(new UnionOptions(), OptionsBinder.Bind<UnionOptions>(Unset("union", "data_0: reader_0.data, data_1"), UnionSpec.Spec)));

    [Fact]
    public void Evaluation_and_secureboost() => Assert.Multiple(
        () => Assert.Equal(new EvaluationOptions(), OptionsBinder.Bind<EvaluationOptions>(Unset("evaluation", "data"), EvaluationSpec.Spec)),
        () => Assert.Equal(new SecureBoostOptions { Seed = 7 }, SecureBoostComponent.Options(Unset("hetero_secureboost", "train_data"), seed: 7)));

    [Fact]
    public void Feature_correlation_stability_and_statistics() => Assert.Multiple(
        () => Assert.Equal(new CorrelationOptions(), OptionsBinder.Bind<CorrelationOptions>(Unset("feature_correlation", "data"), FeatureCorrelationSpec.Spec)),
        () => Assert.Equal(new StabilityOptions(), OptionsBinder.Bind<StabilityOptions>(Unset("stability", "expected: reader_0.data, actual"), StabilitySpec.Spec)),
        () => Assert.Equal(new StatisticsOptions(), OptionsBinder.Bind<StatisticsOptions>(Unset("statistics", "data"), StatisticsSpec.Spec)));

    [Fact]
    public void Scorecard() =>
        Assert.Equal(new ScorecardOptions(), OptionsBinder.Bind<ScorecardOptions>(Unset("scorecard", "data"), ScorecardSpec.Spec));

    [Fact]
    public void Homo_feature_binning() =>
        Assert.Equal(new HomoBinningOptions(), OptionsBinder.Bind<HomoBinningOptions>(Unset("homo_feature_binning", "data"), HomoFeatureBinningSpec.Spec));

    [Fact]
    public void Hetero_feature_selection() =>
        Assert.Equal(new SelectionOptions(), OptionsBinder.Bind<SelectionOptions>(Unset("hetero_feature_selection", "data"), HeteroFeatureSelectionSpec.Spec));

    [Theory]
    [InlineData("hetero_lr", LinearTask.Logistic)]
    [InlineData("hetero_linr", LinearTask.Linear)]
    [InlineData("hetero_poisson", LinearTask.Poisson)]
    public void Hetero_linear_models(string type, LinearTask task)
    {
        var parameters = Unset(type, "train_data");
        // Poisson's spec, not its options, knows that it cannot stop on the loss.
        var expected = new LinearOptions { Task = task, Seed = 7 } with { EarlyStop = task == LinearTask.Poisson ? EarlyStopKind.WeightDiff : EarlyStopKind.Diff };
        Assert.Equal(expected, HeteroLinearComponent.Options(parameters, task, seed: 7));
        Assert.Equal(new FeaturePreparation(), OptionsBinder.Bind<FeaturePreparation>(parameters, HeteroLinearSpecs.For(task)));
        Assert.Equal(new ValidationOptions(), OptionsBinder.Bind<ValidationOptions>(parameters, HeteroLinearSpecs.For(task)));
    }

    [Theory]
    [InlineData(Guest)]
    [InlineData(10002)]
    public void Horizontal_framework_and_homo_lr(int party)
    {
        var parameters = Unset("homo_lr", "train_data", party);
        Assert.Equal(new HomoSettings { Seed = 7 }, HomoComponent.Settings(parameters, seed: 7, HomoLrSpec.Spec));
        Assert.Equal(new HomoLrOptions(), HomoLrComponent.Options(parameters));
    }

    [Fact]
    public void Homo_nn_s_training_settings()
    {
        var definition = NeuralModelParser.Parse(Unset("homo_nn", "train_data", required: "{ layers: [{ type: dense, units: 1 }, { type: sigmoid }] }"));
        Assert.Equal(new NeuralModelDefinition(definition.Layers), definition);
    }
}
