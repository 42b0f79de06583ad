using Concord.Federation;

namespace Concord.Flow.Jobs;

internal static class TaskErrors
{
    /// <summary>
    /// The message a user sees for a failed task: our own exceptions already name the party, file or field;
    /// anything else is a bug, so its type is kept to make it findable.
    /// </summary>
    public static string Describe(Exception ex) => ex switch
    {
        FederationException or ArgumentException or InvalidDataException or InvalidOperationException
            or Data.DataFormatException or Store.FlowStoreException => ex.Message,
        AggregateException { InnerException: { } inner } => Describe(inner),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
