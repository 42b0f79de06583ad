namespace Concord.ML.Statistics;

/// <summary>The guest's check that a host has the same columns: same names, in any order, once each.</summary>
internal static class ColumnAgreement
{
    /// <summary>What is wrong with the host's columns, phrased to follow the host's name; null if nothing.</summary>
    public static string? Mismatch(IReadOnlyList<string> guest, IReadOnlyList<string> host)
    {
        var hostSet = host.ToHashSet(StringComparer.Ordinal);
        var guestSet = guest.ToHashSet(StringComparer.Ordinal);
        if (guest.FirstOrDefault(name => !hostSet.Contains(name)) is string missing)
        {
            return $"has no column \"{missing}\"";
        }
        if (host.FirstOrDefault(name => !guestSet.Contains(name)) is string extra)
        {
            return $"has a column \"{extra}\" that the guest does not";
        }
        return host.Count == hostSet.Count ? null : $"lists a column twice ({host.Count} names for {hostSet.Count} columns)";
    }
}
