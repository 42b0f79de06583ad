namespace Concord.Flow.Store;

/// <summary>Argument checks shared by the store's operations, so that bad input is refused before it reaches a database.</summary>
internal static class FlowStoreChecks
{
    public static void NotBlank(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"the {what} is empty");
        }
    }

    public static void Positive(long value, string what)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(what, value, $"the {what} must be at least 1, not {value}");
        }
    }
}
