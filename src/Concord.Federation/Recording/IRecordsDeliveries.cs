namespace Concord.Federation.Recording;

/// <summary>
/// A transport whose party's mailbox can report every delivery to a <see cref="Transcript"/>; a context made with a
/// transcript attaches it, so a test's transcript sees what landed, not only what was read.
/// </summary>
internal interface IRecordsDeliveries
{
    void RecordDeliveriesTo(Transcript transcript);
}
