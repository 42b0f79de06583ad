using Concord.ML.Horizontal;

namespace Concord.ML.LocalBaseline;

/// <summary>
/// The horizontal LocalBaseline: the same model, built by the same factory, trained in-process on the union of the
/// clients' rows for as many epochs as a client trains in the whole federated run (rounds × local epochs).
/// </summary>
public static class LocalHorizontalTrainer
{
    public static ILocalModel Fit(ILocalModelFactory factory, ModelShape shape, HorizontalData union, int epochs, long seed)
    {
        union.Validate("the LocalBaseline's joined table");
        factory.CheckFits(shape);
        var model = factory.Create(shape, union, seed);
        model.Train(new LocalTrainingRequest(epochs, 0, model.GetParameters(), null, seed), CancellationToken.None);
        return model;
    }
}
