namespace Concord.Data;

/// <summary>A table's address in a party's store: FATE's (namespace, name) pair.</summary>
public readonly record struct TableName
{
    public TableName(string @namespace, string name)
    {
        Namespace = SafeName.Check(@namespace, "table namespace");
        Name = SafeName.Check(name, "table name");
    }

    public string Namespace { get; }

    public string Name { get; }

    public override string ToString() => $"{Namespace}/{Name}";
}
