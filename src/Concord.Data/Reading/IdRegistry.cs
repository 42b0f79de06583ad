namespace Concord.Data;

/// <summary>
/// Collects row ids as a file is read and rejects an empty or repeated one, naming both lines: a repeated id
/// would make private set intersection match the wrong rows without any error later.
/// </summary>
internal sealed class IdRegistry(string file, string idColumn)
{
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, long> _lineOf = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public void Add(ReadOnlySpan<byte> field, long line)
    {
        if (field.IsEmpty)
        {
            throw new DataFormatException(file, line, idColumn, "the id is empty");
        }
        var id = Utf8Field.ToText(field);
        if (!_lineOf.TryAdd(id, line))
        {
            throw new DataFormatException(file, line, idColumn, $"duplicate id {SensitiveIds.Mark(id)} (first seen on line {_lineOf[id]})");
        }
        _ids.Add(id);
    }

    public string[] ToArray() => [.. _ids];
}
