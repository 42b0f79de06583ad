namespace Concord.Data;

/// <summary>
/// What the values of a feature look like. Every value is stored as a double; the kind, inferred from the
/// values when a table is read, tells later steps (binning, one-hot, scaling) what they are dealing with.
/// Missing values (NaN) do not count against a kind.
/// </summary>
public enum FeatureKind
{
    /// <summary>Any real number.</summary>
    Real,

    /// <summary>Whole numbers only, e.g. counts or category codes.</summary>
    Integer,

    /// <summary>Only 0 and 1.</summary>
    Binary,
}
