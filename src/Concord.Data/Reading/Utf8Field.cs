using System.Globalization;
using System.Text;

namespace Concord.Data;

/// <summary>What a numeric field turned out to hold.</summary>
internal enum NumberOutcome
{
    Number,
    Missing,
    NotANumber,
    NotFinite,
}

/// <summary>Conversions of one field's UTF-8 bytes, without an intermediate string where a number is wanted.</summary>
internal static class Utf8Field
{
    private const int PreviewLength = 40;

    /// <summary>
    /// Parses a number. The empty field and NA, NaN, null and None (in any case) mean missing, as they do in
    /// the files pandas and FATE write; anything else that is not a finite number is reported, never guessed.
    /// </summary>
    public static NumberOutcome ParseNumber(ReadOnlySpan<byte> field, out double value)
    {
        if (DecimalFastPath.TryParse(field, out value))
        {
            return NumberOutcome.Number;
        }
        value = double.NaN;
        if (field.IsEmpty || IsMissingToken(field))
        {
            return NumberOutcome.Missing;
        }
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return NumberOutcome.NotANumber;
        }
        return double.IsFinite(value) ? NumberOutcome.Number : NumberOutcome.NotFinite;
    }

    /// <summary>The field as text; a quoted field's doubled quotes become single ones.</summary>
    public static string ToText(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        return text.Contains("\"\"", StringComparison.Ordinal) ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>The field as it should appear quoted in an error message: shortened if long.</summary>
    public static string Preview(ReadOnlySpan<byte> field)
    {
        var text = ToText(field);
        return text.Length <= PreviewLength ? text : text[..PreviewLength] + "...";
    }

    private static bool IsMissingToken(ReadOnlySpan<byte> field) =>
        Ascii.EqualsIgnoreCase(field, "NA"u8)
        || Ascii.EqualsIgnoreCase(field, "NaN"u8)
        || Ascii.EqualsIgnoreCase(field, "null"u8)
        || Ascii.EqualsIgnoreCase(field, "None"u8);
}
