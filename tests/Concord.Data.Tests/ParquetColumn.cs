using Parquet;

namespace Concord.Data.Tests;

/// <summary>Reads a stored partition with Parquet.Net directly, as a party's own tools would, not through the store.</summary>
internal static class ParquetColumn
{
    public static (string[] Names, double[] Values) Read(string file, string column) => ReadAsync(file, column).GetAwaiter().GetResult();

    private static async Task<(string[] Names, double[] Values)> ReadAsync(string file, string column)
    {
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.DataFields;
        using var group = reader.OpenRowGroupReader(0);
        var values = new double[group.RowCount];
        var field = fields.First(f => f.Name == column);
        if (field.ClrType == typeof(double))
        {
            await group.ReadAsync<double>(field, values.AsMemory(), null);
        }
        return (fields.Select(f => f.Name).ToArray(), values);
    }
}
