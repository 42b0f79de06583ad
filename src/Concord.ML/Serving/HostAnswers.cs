using System.Buffers.Binary;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;

namespace Concord.ML.Serving;

/// <summary>
/// What a host sends the guest for one id in online serving, computed for every row of the table it registered when
/// the deployment loads: a linear share's w_h·x_h per binary model, or a SecureBoost lookup table's direction bit for
/// each of its splits (so one round trip answers every tree, and the host never learns which of its splits a row
/// reaches). A request then costs the host a lookup; the guest sends ids, never a feature, score or label.
/// </summary>
public sealed class HostAnswers
{
    private readonly Dictionary<string, int> _rows;
    private readonly byte[] _answers;

    private HostAnswers(IReadOnlyList<string> ids, int width, byte[] answers, string who)
    {
        _rows = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!_rows.TryAdd(ids[i], i))
            {
                throw new ArgumentException($"{who}: id \"{ids[i]}\" appears twice, so a request for it could not be answered");
            }
        }
        Width = width;
        _answers = answers;
    }

    /// <summary>Bytes per id.</summary>
    public int Width { get; }

    public int Count => _rows.Count;

    /// <summary>w_h·x_h of each binary model for every row, as little-endian doubles, row-major.</summary>
    /// <param name="columns">The registered table's columns; those the model does not use are ignored.</param>
    public static HostAnswers Linear(PartyLinearModel model, IReadOnlyList<string> ids, NumericColumns columns, string who)
    {
        var features = model.Prepare(ModelColumns.Require(columns, model.InputNames ?? model.FeatureNames, who, allowExtra: true), who);
        var width = model.Weights.Length * sizeof(double);
        var answers = new byte[ids.Count * width];
        for (var k = 0; k < model.Weights.Length; k++)
        {
            var scores = LocalLinearTrainer.LinearPredictor(features.Columns, model.Weights[k], ids.Count);
            for (var i = 0; i < scores.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(answers.AsSpan((i * width) + (k * sizeof(double))), scores[i]);
            }
        }
        return new HostAnswers(ids, width, answers, who);
    }

    /// <summary>For every row, one bit per split of the table, in the table's order: whether the row goes left.</summary>
    public static HostAnswers Boost(HostLookupTable table, IReadOnlyList<string> ids, NumericColumns columns, string who)
    {
        var ordered = ModelColumns.Require(columns, table.Features, who, allowExtra: true);
        var width = (table.Splits.Count + 7) / 8;
        var answers = new byte[ids.Count * width];
        for (var s = 0; s < table.Splits.Count; s++)
        {
            var split = table.Splits[s];
            var values = ordered[split.FeatureIndex];
            for (var i = 0; i < ids.Count; i++)
            {
                if (split.GoesLeft(values[i]))
                {
                    answers[(i * width) + (s >> 3)] |= (byte)(1 << (s & 7));
                }
            }
        }
        return new HostAnswers(ids, width, answers, who);
    }

    /// <summary>The answers for <paramref name="ids"/>, concatenated in their order; an id this host lacks gets zeros and its position in <paramref name="unknown"/>.</summary>
    public byte[] Answer(IReadOnlyList<string> ids, List<int> unknown)
    {
        var answer = new byte[ids.Count * Width];
        for (var i = 0; i < ids.Count; i++)
        {
            if (_rows.TryGetValue(ids[i], out var row))
            {
                _answers.AsSpan(row * Width, Width).CopyTo(answer.AsSpan(i * Width));
            }
            else
            {
                unknown.Add(i);
            }
        }
        return answer;
    }
}
