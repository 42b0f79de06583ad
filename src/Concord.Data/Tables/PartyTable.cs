namespace Concord.Data;

/// <summary>
/// One party's table in memory: ids, optional labels and sample weights, and dense double features with NaN
/// for a missing value. Features are held column by column, because the protocols that consume them
/// (binning, gradient sums, encrypted dot products) walk one feature over all rows far more often than
/// one row over all features.
/// </summary>
/// <remarks>The arrays passed in are kept, not copied, and the ones handed out are the same arrays: treat them
/// as read-only so that a table loaded once can be shared by several components.</remarks>
public sealed class PartyTable
{
    private readonly string[] _ids;
    private readonly double[][] _columns;

    public PartyTable(TableSchema schema, string[] ids, double[][] columns, double[]? labels = null, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != schema.Features.Count)
        {
            throw new ArgumentException($"the schema names {schema.Features.Count} features but {columns.Length} columns were given");
        }
        for (var j = 0; j < columns.Length; j++)
        {
            RequireLength(columns[j], ids.Length, $"feature \"{schema.Features[j].Name}\"");
        }
        RequirePresence(labels, schema.LabelName, "labels");
        RequirePresence(weights, schema.WeightName, "weights");
        RequireLength(labels, ids.Length, "the labels");
        RequireLength(weights, ids.Length, "the weights");
        RequireUniqueIds(ids);
        RequireClasses(labels, schema);
        Schema = schema;
        _ids = ids;
        _columns = columns;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>Builds a table whose feature kinds are inferred from the values.</summary>
    public static PartyTable Create(
        string idName, string[] ids, IReadOnlyList<string> featureNames, double[][] columns,
        string? labelName = null, double[]? labels = null, string? weightName = null, double[]? weights = null,
        LabelClasses? labelClasses = null)
    {
        if (featureNames.Count != columns.Length)
        {
            throw new ArgumentException($"{featureNames.Count} feature names were given for {columns.Length} columns");
        }
        var features = featureNames.Select((name, j) => new Feature(name, Feature.InferKind(columns[j]))).ToArray();
        return new PartyTable(new TableSchema(idName, features, labelName, weightName, labelClasses), ids, columns, labels, weights);
    }

    public TableSchema Schema { get; }

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The label of each row, or null when the table has no label column.</summary>
    public double[]? Labels { get; }

    /// <summary>The sample weight of each row, or null when the table has no weight column.</summary>
    public double[]? Weights { get; }

    public int RowCount => _ids.Length;

    public int FeatureCount => _columns.Length;

    /// <summary>Every row's value of feature <paramref name="feature"/>; NaN where missing.</summary>
    public ReadOnlySpan<double> Column(int feature) => _columns[feature];

    /// <summary>The same column as <see cref="Column"/>, for the writers that take memory rather than spans.</summary>
    internal ReadOnlyMemory<double> ColumnMemory(int feature) => _columns[feature];

    /// <summary>One value; NaN where missing.</summary>
    public double this[int row, int feature] => _columns[feature][row];

    /// <summary>Copies the features of one row into <paramref name="destination"/> (length at least FeatureCount).</summary>
    public void CopyRow(int row, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)RowCount, nameof(row));
        for (var j = 0; j < _columns.Length; j++)
        {
            destination[j] = _columns[j][row];
        }
    }

    private static void RequirePresence(double[]? values, string? columnName, string what)
    {
        if ((values is null) != (columnName is null))
        {
            throw new ArgumentException(values is null
                ? $"the schema names a column \"{columnName}\" for {what} but none were given"
                : $"{what} were given but the schema names no column for them");
        }
    }

    private static void RequireLength(double[]? values, int rows, string what)
    {
        if (values is not null && values.Length != rows)
        {
            throw new ArgumentException($"{what} has {values.Length} values for {rows} ids");
        }
    }

    /// <summary>Text labels must each be the number of a class, or the texts could not be shown again.</summary>
    private static void RequireClasses(double[]? labels, TableSchema schema)
    {
        if (labels is null || schema.LabelClasses is not { } classes)
        {
            return;
        }
        foreach (var label in labels)
        {
            if (classes.TextOf(label) is null)
            {
                throw new ArgumentException($"the label {label} of column \"{schema.LabelName}\" is none of its {classes.Count} classes' numbers");
            }
        }
    }

    private static void RequireUniqueIds(string[] ids)
    {
        var seen = new HashSet<string>(ids.Length, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("a row has an empty id");
            }
            if (!seen.Add(id))
            {
                throw new ArgumentException($"the id {SensitiveIds.Mark(id)} appears twice");
            }
        }
    }
}
