using System.Data.Common;
using System.Globalization;

namespace Concord.Flow.Store;

/// <summary>
/// The store over any SQL database that speaks the common dialect both implementations share. Each operation
/// opens its own connection (pooled by the provider where that is safe), so callers on many threads never share one.
/// </summary>
public abstract partial class SqlFlowStore : IFlowStore
{
    private protected SqlFlowStore(string description)
    {
        Description = description;
    }

    public string Description { get; }

    /// <summary>What a database error means to the store, which the two databases report differently.</summary>
    private protected enum DbFailure
    {
        Other,
        UniqueViolation,
        ForeignKeyViolation,
    }

    private protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);

    private protected abstract DbFailure Classify(DbException ex);

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the tables if they are missing, and refuses a store written by a different schema version.</summary>
    private protected async Task CreateSchemaAsync(string createSql, CancellationToken ct) =>
        await InTransactionAsync("create the flow store's tables", async session =>
        {
            await session.ExecuteAsync(createSql, ct).ConfigureAwait(false);
            var version = Convert.ToString(await session.ScalarAsync(FlowSchema.ReadVersion, ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (version != FlowSchema.Version.ToString(CultureInfo.InvariantCulture))
            {
                throw new FlowStoreException(FlowStoreError.Unavailable,
                    $"{Description} has schema version {version}, but this Concord reads version {FlowSchema.Version}");
            }
            return true;
        }, ct).ConfigureAwait(false);

    /// <summary>Runs one operation on a connection of its own; database errors become messages naming the store and <paramref name="what"/>.</summary>
    private protected async Task<T> RunAsync<T>(string what, Func<SqlSession, Task<T>> operation, CancellationToken ct)
    {
        try
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await operation(new SqlSession(connection, null)).ConfigureAwait(false);
            }
        }
        catch (DbException ex)
        {
            throw Translate(ex, what);
        }
    }

    /// <summary>As <see cref="RunAsync"/>, inside one transaction that commits only if the operation returns.</summary>
    private protected async Task<T> InTransactionAsync<T>(string what, Func<SqlSession, Task<T>> operation, CancellationToken ct)
    {
        try
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // SQLite begins this as IMMEDIATE, taking the write lock up front, so a transaction never has to
                // upgrade a read lock and fail with SQLITE_BUSY instead of waiting.
                var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await operation(new SqlSession(connection, transaction)).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            }
        }
        catch (DbException ex)
        {
            throw Translate(ex, what);
        }
    }

    private FlowStoreException Translate(DbException ex, string what) => Classify(ex) switch
    {
        DbFailure.UniqueViolation => new FlowStoreException(FlowStoreError.AlreadyExists, $"cannot {what}: it is already in {Description}", ex),
        DbFailure.ForeignKeyViolation => new FlowStoreException(FlowStoreError.NotFound, $"cannot {what}: its job is not in {Description}", ex),
        _ => new FlowStoreException(FlowStoreError.Unavailable, $"cannot {what} in {Description}: {ex.Message}", ex),
    };

    /// <summary>The parameters @job, @component and @party that name a task.</summary>
    private protected static (string, object?)[] TaskParameters(TaskKey task) =>
        [("@job", task.JobId), ("@component", task.Component), ("@party", task.Party)];

    private protected FlowStoreException NoJob(string jobId) =>
        new(FlowStoreError.NotFound, $"job {jobId} is not in {Description}");
}
