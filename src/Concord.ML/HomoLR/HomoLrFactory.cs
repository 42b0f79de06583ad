using Concord.ML.Horizontal;

namespace Concord.ML.HomoLR;

/// <summary>Builds <see cref="HomoLogisticModel"/>s: the homo_lr component's and the LocalBaseline's.</summary>
public sealed class HomoLrFactory(HomoLrOptions options) : ILocalModelFactory
{
    public string Name => "homo_lr";

    public HomoLrOptions Options => options;

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed) => new HomoLogisticModel(shape, data, options);

    public void CheckFits(ModelShape shape)
    {
        options.Validate();
        if (shape.Task == HorizontalTask.Regression)
        {
            throw new ArgumentException("homo_lr is a classifier: its label must take class values (0/1, or several classes)");
        }
    }
}
