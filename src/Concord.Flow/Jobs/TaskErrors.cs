using Concord.Federation;

namespace Concord.Flow.Jobs;

internal static class TaskErrors
{
    /// <summary>
    /// The message a user sees for a failed task, row ids masked: it goes into the task's record, which the job's
    /// initiator, another party, reads.
    /// </summary>
    public static string Describe(Exception ex) => Data.SensitiveIds.Mask(Raw(ex));

    /// <summary>
    /// The message as thrown: our own exceptions already name the party, file or field; anything else is a bug,
    /// so its type is kept to make it findable.
    /// </summary>
    public static string Raw(Exception ex) => ex switch
    {
        FederationException or ArgumentException or InvalidDataException or InvalidOperationException
            or Data.DataFormatException or Store.FlowStoreException => ex.Message,
        AggregateException { InnerException: { } inner } => Raw(inner),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
