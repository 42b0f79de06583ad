using Concord.Flow.Components;

namespace Concord.Cli;

/// <summary>The composition root: every component type a node built from this CLI can run.</summary>
internal static class Components
{
    public static ComponentCatalog Catalog() => new(
    [
        new ReaderComponent(),
        new DataTransformComponent(),
        new StatisticsComponent(),
        new PsiComponent(),
        .. HeteroLinearComponent.All,
        new SecureBoostComponent(),
        new EvaluationComponent(),
    ]);
}
