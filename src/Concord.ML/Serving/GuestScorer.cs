namespace Concord.ML.Serving;

/// <summary>
/// The guest's half of online serving for one model: which of its features a request must carry, how many bytes it
/// expects from each host per id (<see cref="HostAnswers"/>), and the scores of a batch of rows from both.
/// </summary>
public abstract class GuestScorer
{
    private Dictionary<string, int>? _featureIndex;

    /// <summary>The guest's feature names, in the order <see cref="Score"/> expects its columns.</summary>
    public abstract IReadOnlyList<string> Features { get; }

    /// <summary>Each feature's position in <see cref="Features"/>, made once: every request's row is read against it.</summary>
    public IReadOnlyDictionary<string, int> FeatureIndex =>
        _featureIndex ??= Features.Select((name, j) => (name, j)).ToDictionary(p => p.name, p => p.j, StringComparer.Ordinal);

    /// <summary>Whether a request may leave a feature missing (SecureBoost sends it to the split's default side).</summary>
    public abstract bool AcceptsMissing { get; }

    /// <summary>What each score is: P(y = 1) or a regression value per row, or one probability per class.</summary>
    public abstract int Outputs { get; }

    /// <summary>The host parties, in the order <see cref="Score"/> takes their answers.</summary>
    public abstract IReadOnlyList<int> Hosts { get; }

    /// <summary>Bytes host <paramref name="host"/> (an index into <see cref="Hosts"/>) sends per id.</summary>
    public abstract int AnswerWidth(int host);

    /// <summary>Per output and row, the model's prediction.</summary>
    /// <param name="guest">The rows' guest features, in the order of <see cref="Features"/>.</param>
    /// <param name="answers">Per host, its answers for the rows, <see cref="AnswerWidth"/> bytes each, in row order.</param>
    public abstract double[][] Score(NumericColumns guest, IReadOnlyList<byte[]> answers);

    /// <summary>Refuses answers of the wrong length, naming the host.</summary>
    protected void CheckLengths(int rows, IReadOnlyList<byte[]> answers)
    {
        if (answers.Count != Hosts.Count)
        {
            throw new ArgumentException($"{answers.Count} host answers for {Hosts.Count} host(s)");
        }
        for (var h = 0; h < answers.Count; h++)
        {
            if (answers[h].Length != rows * AnswerWidth(h))
            {
                throw new InvalidDataException($"party {Hosts[h]} answered {answers[h].Length} bytes for {rows} ids of {AnswerWidth(h)} bytes each");
            }
        }
    }
}
