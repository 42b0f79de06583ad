namespace Concord.Flow.Dsl;

/// <summary>One problem in a job file, at the line and column (both from 1) of the YAML node concerned.</summary>
/// <param name="Where">The field, as a path such as <c>transform_0.parameters.missing_fill</c>; empty for the file as a whole.</param>
public sealed record JobFileError(string Source, int Line, int Column, string Where, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {(Where.Length > 0 ? Where + ": " : "")}{Message}";
}
