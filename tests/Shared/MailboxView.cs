using Concord.Federation.Recording;

namespace Concord.Tests.Shared;

/// <summary>A party's mailbox as a curious party sees it.</summary>
internal static class MailboxView
{
    /// <summary>
    /// Everything that landed for <paramref name="party"/>, read or not, with the decoded value where its protocol
    /// read it (null otherwise): byte searches cover every message, decoded searches those read.
    /// </summary>
    public static IReadOnlyList<TranscriptEntry> Contents(Transcript transcript, int party)
    {
        var decoded = transcript.ReceivedBy(party).ToDictionary(e => e.Key, e => e.Value);
        return [.. transcript.DeliveredTo(party).Select(d => new TranscriptEntry(d.Key, d.Payload, decoded.GetValueOrDefault(d.Key)))];
    }
}
