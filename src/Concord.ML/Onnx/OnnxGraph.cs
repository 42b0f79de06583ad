using Concord.ML.Onnx.Proto;
using Google.Protobuf;

namespace Concord.ML.Onnx;

/// <summary>
/// An ONNX graph of one double-precision input, a batch of rows of <c>features</c> values, built one node at a time:
/// each node reads the value the last one wrote (<see cref="Current"/>), and the last node's value is the output.
/// Everything is double, as our models compute, so ONNX Runtime's scores match ours to rounding.
/// </summary>
internal sealed class OnnxGraph
{
    public const string Input = "features";
    public const string Output = "predict_score";

    /// <summary>ONNX's IR version 8 with the default domain's opset 17 (ONNX 1.12): every op used here has its double kernel there.</summary>
    private const long IrVersion = 8;
    private const long Opset = 17;
    private const string Rows = "rows";

    private readonly GraphProto _graph;
    private int _values;

    public OnnxGraph(string name, int features)
    {
        _graph = new GraphProto { Name = name };
        _graph.Input.Add(Value(Input, features));
        Current = Input;
    }

    /// <summary>The value the last node wrote (the input before any node).</summary>
    public string Current { get; private set; }

    /// <summary>A constant of the graph (weights, biases, indices) of shape <paramref name="dims"/>, row-major.</summary>
    public string Constant(string name, double[] values, params long[] dims)
    {
        Initializer(name, TensorProto.Types.DataType.Double, dims).DoubleData.AddRange(values);
        return name;
    }

    public string Constant(string name, long[] values, params long[] dims)
    {
        Initializer(name, TensorProto.Types.DataType.Int64, dims).Int64Data.AddRange(values);
        return name;
    }

    /// <summary>Adds <paramref name="op"/> on <see cref="Current"/> and <paramref name="more"/> inputs; its output becomes <see cref="Current"/>.</summary>
    public void Node(string op, string[] more, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op.ToLowerInvariant()}_{_graph.Node.Count}" };
        node.Input.Add(Current);
        node.Input.AddRange(more);
        node.Output.Add($"v{_values++}");
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        Current = node.Output[0];
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>
    /// The model file: the last node's value renamed <see cref="Output"/>, of <paramref name="width"/> values per row, with
    /// <paramref name="metadata"/> (feature order, classes) for whoever runs it without Concord.
    /// </summary>
    public byte[] ToBytes(int width, string doc, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var last = _graph.Node.LastOrDefault() ?? throw new InvalidOperationException("an ONNX graph needs at least one node");
        last.Output[0] = Output;
        _graph.Output.Add(Value(Output, width));
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "concord",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = doc,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.AddRange(metadata.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model.ToByteArray();
    }

    private TensorProto Initializer(string name, TensorProto.Types.DataType type, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor;
    }

    /// <summary>A [rows × width] double tensor, its row count left free.</summary>
    private static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = Rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Double, Shape = shape } },
        };
    }
}
