namespace Concord.Flow.Dsl;

/// <summary>"Did you mean ...?" for a mistyped name, by edit distance.</summary>
public static class NearestName
{
    /// <summary>The closest candidate, if it is close enough to be a likely typo.</summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        // Allow about one slip per three letters, so short names only match near-exact typos.
        return best.Name is not null && best.Distance <= Math.Max(1, Math.Min(name.Length, best.Name.Length) / 3) ? best.Name : null;
    }

    /// <summary>A message suffix: <c>; did you mean "x"?</c>, or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Find(name, candidates) is string nearest ? $"; did you mean \"{nearest}\"?" : "";

    /// <summary>Levenshtein distance, counting a swap of two neighbours as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
