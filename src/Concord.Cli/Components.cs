using Concord.Flow.Components;
using Concord.Flow.Components.Homo;

namespace Concord.Cli;

/// <summary>The composition root: every component type a node built from this CLI can run.</summary>
internal static class Components
{
    public static ComponentCatalog Catalog() => new(
    [
        new ReaderComponent(),
        new DataTransformComponent(),
        new StatisticsComponent(),
        new FeatureBinningComponent(),
        new PsiComponent(),
        .. HeteroLinearComponent.All,
        new HomoLrComponent(),
        new HomoNnComponent(),
        new SecureBoostComponent(),
        new EvaluationComponent(),
        new ModelLoaderComponent(),
        new DataSplitComponent(),
        new FeatureScaleComponent(),
        new ImputationComponent(),
        new OneHotComponent(),
        new UnionComponent(),
        new SampleComponent(),
        new FeatureCorrelationComponent(),
        new StabilityComponent(),
        new ScorecardComponent(),
        new HomoFeatureBinningComponent(),
        new HeteroFeatureSelectionComponent(),
        new LabelTransformComponent(),
    ]);
}
