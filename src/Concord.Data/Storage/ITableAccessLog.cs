namespace Concord.Data;

/// <summary>
/// Told of every table a <see cref="TableStore"/> reads, writes or deletes, for the party's audit trail. The data
/// layer defines it and a higher layer keeps the records; each call comes after the operation succeeded and must
/// return at once.
/// </summary>
public interface ITableAccessLog
{
    void Read(TableInfo table);

    void Written(TableInfo table);

    void Deleted(TableName name);
}
