namespace Concord.Cli.Commands;

/// <summary>The candidate closest to a mistyped word by edit distance, when one is close enough to be a likely typo.</summary>
internal static class NearestWord
{
    public static string? Among(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Word: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Word, StringComparer.Ordinal)
            .FirstOrDefault();
        // Beyond half the word's length a "suggestion" is another word altogether, which misleads more than it helps.
        return best.Word is not null && best.Distance <= Math.Max(1, Math.Max(typed.Length, best.Word.Length) / 2) ? best.Word : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, one each.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
