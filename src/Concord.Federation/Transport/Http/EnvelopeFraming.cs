using System.Buffers.Binary;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport.Http.Wire;
using Google.Protobuf;

namespace Concord.Federation.Transport.Http;

/// <summary>A message on the wire: a 4-byte length, the protobuf envelope, then the payload until the stream ends.</summary>
internal static class EnvelopeFraming
{
    private const int MaxEnvelopeBytes = 64 * 1024;

    public static Envelope ToEnvelope(MessageKey key) => new()
    {
        JobId = key.JobId,
        Scope = key.Scope,
        Tag = key.Tag,
        FromRole = key.From.Role.ToWire(),
        FromParty = key.From.Id,
        ToRole = key.To.Role.ToWire(),
        ToParty = key.To.Id,
    };

    public static MessageKey ToKey(Envelope envelope) => new(
        envelope.JobId,
        envelope.Scope,
        envelope.Tag,
        new PartyRef(RoleNames.Parse(envelope.FromRole), envelope.FromParty),
        new PartyRef(RoleNames.Parse(envelope.ToRole), envelope.ToParty));

    public static async ValueTask WriteAsync(Stream destination, MessageKey key, CancellationToken ct)
    {
        var body = ToEnvelope(key).ToByteArray();
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        await destination.WriteAsync(frame, ct).ConfigureAwait(false);
    }

    public static async ValueTask<MessageKey> ReadAsync(Stream source, CancellationToken ct)
    {
        var prefix = new byte[4];
        await Messaging.Codecs.WireIO.ReadExactlyAsync(source, prefix, ct).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is <= 0 or > MaxEnvelopeBytes)
        {
            throw new InvalidDataException($"message envelope declares {length} bytes, outside 1..{MaxEnvelopeBytes}");
        }
        var body = new byte[length];
        await Messaging.Codecs.WireIO.ReadExactlyAsync(source, body, ct).ConfigureAwait(false);
        try
        {
            return ToKey(Envelope.Parser.ParseFrom(body));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException)
        {
            throw new InvalidDataException($"message envelope is malformed: {ex.Message}", ex);
        }
    }
}
