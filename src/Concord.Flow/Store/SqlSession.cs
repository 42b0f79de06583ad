using System.Data.Common;

namespace Concord.Flow.Store;

/// <summary>
/// One open connection, and its transaction when there is one, with the few kinds of statement the store runs.
/// Parameters are written @name in the SQL: both Microsoft.Data.Sqlite and Npgsql accept that form.
/// </summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction)
{
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // Microsoft.Data.Sqlite refuses a command outside the connection's open transaction.
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
