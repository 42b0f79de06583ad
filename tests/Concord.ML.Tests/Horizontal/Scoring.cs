using Concord.ML.Evaluation;
using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

internal static class Scoring
{
    public static double Auc(ILocalModel model, HorizontalData test) =>
        BinaryMetrics.Evaluate([.. test.Rows.Select(r => model.Predict(r)[0])], test.Labels).Auc;

    public static double Accuracy(ILocalModel model, ModelShape shape, HorizontalData test)
    {
        var correct = 0;
        for (var i = 0; i < test.RowCount; i++)
        {
            var output = model.Predict(test.Rows[i]);
            var predicted = shape.Task == HorizontalTask.Binary
                ? (output[0] >= 0.5 ? 1.0 : 0.0)
                : shape.Classes[Array.IndexOf(output, output.Max())];
            correct += predicted == test.Labels[i] ? 1 : 0;
        }
        return (double)correct / test.RowCount;
    }
}
