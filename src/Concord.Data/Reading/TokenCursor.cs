using System.Buffers;

namespace Concord.Data;

/// <summary>Walks the non-empty tokens of a line split at any of a set of separator bytes.</summary>
internal ref struct TokenCursor(ReadOnlySpan<byte> line, SearchValues<byte> separators)
{
    private ReadOnlySpan<byte> _rest = line;

    public bool Next(out ReadOnlySpan<byte> token)
    {
        while (!_rest.IsEmpty)
        {
            var end = _rest.IndexOfAny(separators);
            token = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? default : _rest[(end + 1)..];
            if (!token.IsEmpty)
            {
                return true;
            }
        }
        token = default;
        return false;
    }
}
