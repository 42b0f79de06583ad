using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>
/// A YAML parser that remembers where it last got to. YamlDotNet 16.3 throws a bare
/// InvalidOperationException, with no position, on some unclosed flow collections; this is the only way
/// to still tell the author roughly where the file stops making sense.
/// </summary>
internal sealed class TrackingParser(string yaml) : IParser
{
    private readonly Parser _inner = new(new StringReader(yaml));

    /// <summary>The end of the last event read: the point up to which the file parsed.</summary>
    public Mark LastGood { get; private set; } = new(0, 1, 1);

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        if (_inner.Current is ParsingEvent current)
        {
            LastGood = current.End;
        }
        return moved;
    }
}
