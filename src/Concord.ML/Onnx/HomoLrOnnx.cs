using Concord.ML.Horizontal;

namespace Concord.ML.Onnx;

/// <summary>
/// homo_lr as ONNX nodes: one Gemm of the rows with the K blocks' weights and intercepts, then a sigmoid (two classes,
/// K = 1) or a softmax over the K classes, as <see cref="HomoLR.HomoLogisticModel"/> predicts.
/// </summary>
internal static class HomoLrOnnx
{
    public static void Add(OnnxGraph graph, ModelShape shape, double[] parameters, bool fitIntercept)
    {
        if (shape.Task == HorizontalTask.Regression)
        {
            throw new ArgumentException("homo_lr is a classifier, and this model's shape is a regression's");
        }
        var features = shape.FeatureNames.Length;
        var blocks = shape.Task == HorizontalTask.Binary ? 1 : shape.Classes.Length;
        var width = features + (fitIntercept ? 1 : 0);
        if (parameters.Length != blocks * width)
        {
            throw new ArgumentException($"homo_lr over {features} features and {blocks} block(s) has {blocks * width} parameters; the model holds {parameters.Length}");
        }
        // Our blocks are [w₁ … w_F, b] per class; Gemm multiplies the rows by a features × classes matrix.
        var weights = new double[features * blocks];
        var intercepts = new double[blocks];
        for (var k = 0; k < blocks; k++)
        {
            for (var j = 0; j < features; j++)
            {
                weights[(j * blocks) + k] = parameters[(k * width) + j];
            }
            intercepts[k] = fitIntercept ? parameters[(k * width) + features] : 0;
        }
        graph.Node("Gemm", [graph.Constant("weights", weights, features, blocks), graph.Constant("intercepts", intercepts, blocks)]);
        if (blocks == 1)
        {
            graph.Node("Sigmoid", []);
        }
        else
        {
            graph.Node("Softmax", [], OnnxGraph.Int("axis", 1));
        }
    }
}
