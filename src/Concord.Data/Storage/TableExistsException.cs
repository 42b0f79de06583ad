namespace Concord.Data;

/// <summary>A save would replace an existing table without having been told to.</summary>
public sealed class TableExistsException(TableName name, string partyHome)
    : Exception($"table {name} already exists in {partyHome}; pass --overwrite to replace it")
{
    public TableName Name { get; } = name;
}
