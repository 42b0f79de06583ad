namespace Concord.Data;

/// <summary>
/// Turns one field into the value its column's role needs, or into an error that names the file, line and
/// column. Features may be missing; a label or a weight may not, since no protocol can train on a row
/// without its target, and a silently dropped row would change every party's row set.
/// </summary>
internal static class CellParser
{
    public static double Feature(ReadOnlySpan<byte> field, string file, long line, string column)
    {
        var outcome = Utf8Field.ParseNumber(field, out var value);
        return outcome is NumberOutcome.Number or NumberOutcome.Missing
            ? value
            : throw Invalid(outcome, field, file, line, column);
    }

    public static double Label(ReadOnlySpan<byte> field, string file, long line, string column)
    {
        var outcome = Utf8Field.ParseNumber(field, out var value);
        return outcome switch
        {
            NumberOutcome.Number => value,
            NumberOutcome.Missing => throw new DataFormatException(file, line, column, "the label is missing"),
            _ => throw Invalid(outcome, field, file, line, column),
        };
    }

    public static double Weight(ReadOnlySpan<byte> field, string file, long line, string column)
    {
        var outcome = Utf8Field.ParseNumber(field, out var value);
        return outcome switch
        {
            NumberOutcome.Number when value >= 0 => value,
            NumberOutcome.Number => throw new DataFormatException(file, line, column, $"the weight {value} is negative"),
            NumberOutcome.Missing => throw new DataFormatException(file, line, column, "the weight is missing"),
            _ => throw Invalid(outcome, field, file, line, column),
        };
    }

    private static DataFormatException Invalid(NumberOutcome outcome, ReadOnlySpan<byte> field, string file, long line, string column) =>
        new(file, line, column, outcome == NumberOutcome.NotFinite
            ? $"\"{Utf8Field.Preview(field)}\" is not a finite number"
            : $"\"{Utf8Field.Preview(field)}\" is not a number");
}
