using System.Globalization;
using Concord.Data;

namespace Concord.Flow.Audit;

/// <summary>The table store's reads, writes and deletions, as audit events of the job and component that made them.</summary>
public sealed class TableAudit(IAuditLog log, string? jobId, string? actor) : ITableAccessLog
{
    public void Read(TableInfo table) => log.AppendInBackground(Event(AuditKinds.TableRead, table.Name) with { Detail = Shape(table) });

    public void Written(TableInfo table) => log.AppendInBackground(Event(AuditKinds.TableWritten, table.Name) with { Detail = Shape(table) });

    public void Deleted(TableName name) => log.AppendInBackground(Event(AuditKinds.TableDeleted, name));

    private AuditEvent Event(string kind, TableName name) => new(kind, name.ToString()) { JobId = jobId, Actor = actor };

    private static string Shape(TableInfo table) =>
        string.Create(CultureInfo.InvariantCulture, $"{table.RowCount} rows, {table.FeatureCount} features{(table.Schema.LabelName is null ? "" : ", labelled")}");
}
