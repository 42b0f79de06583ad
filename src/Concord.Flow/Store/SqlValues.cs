using System.Data.Common;
using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

/// <summary>
/// How values are kept in columns the same way in SQLite and PostgreSQL: times as Unix milliseconds (BIGINT),
/// enums as lower-case names, JSON as text.
/// </summary>
internal static class SqlValues
{
    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static object? Millis(DateTimeOffset? time) => time is { } t ? Millis(t) : null;

    /// <summary>A time as the store gives it back: UTC, to the millisecond.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(Millis(time));

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static T Parse<T>(string name) where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"the store holds \"{name}\" where a {typeof(T).Name} belongs");

    public static DateTimeOffset Time(this DbDataReader reader, int column) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.Time(column);

    public static string? NullableString(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public static JsonNode Json(this DbDataReader reader, int column) =>
        JsonNode.Parse(reader.GetString(column)) ?? throw new InvalidDataException("the store holds a JSON null where a value belongs");

    public static JsonObject JsonObject(this DbDataReader reader, int column) => reader.Json(column).AsObject();
}
