namespace Concord.Data;

/// <summary>No table of that name in the party's store. The message lists what is there, which is usually the fix.</summary>
public sealed class TableNotFoundException(TableName name, string partyHome, IReadOnlyList<TableName> available)
    : Exception($"no table {name} in {partyHome}" + (available.Count == 0
        ? " (it holds no tables)"
        : $" (it holds {string.Join(", ", available.Take(10))}{(available.Count > 10 ? ", ..." : "")})"))
{
    public TableName Name { get; } = name;
}
