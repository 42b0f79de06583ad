namespace Concord.Data;

/// <summary>
/// Names that end up inside folder names (party ids, table namespaces and names) are limited to
/// characters every file system accepts, so that no name can climb out of its folder.
/// </summary>
public static class SafeName
{
    public const int MaxLength = 128;

    public static string Check(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"the {what} is empty");
        }
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"the {what} \"{value[..20]}...\" is longer than {MaxLength} characters");
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                throw new ArgumentException(
                    $"the {what} \"{value}\" may use only letters, digits, '_' and '-' (found '{c}')");
            }
        }
        return value;
    }
}
