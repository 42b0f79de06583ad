using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;

namespace Concord.Federation.Context;

/// <summary>
/// One or more parties addressed together: <c>ctx.Hosts.Send(tag, value)</c> reaches each host. Every send and
/// receive is timed here, against the role's <see cref="PhaseTimer.Current"/>: the wait as <see cref="Phase.Transport"/>,
/// decoding what arrived as <see cref="Phase.Serialization"/>.
/// </summary>
public sealed class PartyGroup
{
    private readonly FederationContext _ctx;

    internal PartyGroup(FederationContext ctx, IReadOnlyList<PartyRef> members)
    {
        _ctx = ctx;
        Members = members;
    }

    public IReadOnlyList<PartyRef> Members { get; }

    public int Count => Members.Count;

    public PartyGroup this[int index] => new(_ctx, [Members[index]]);

    public async Task Send<T>(Tag<T> tag, T value, CancellationToken ct = default)
    {
        using var timing = PhaseTimer.Start(Phase.Transport);
        await Task.WhenAll(Members.Select(to => _ctx.Transport.SendAsync(
            KeyFor(tag, from: _ctx.Self, to: to),
            (stream, token) => tag.Codec.WriteAsync(value, stream, token),
            ct))).ConfigureAwait(false);
    }

    /// <summary>Receives from the single party of this group.</summary>
    public Task<T> Receive<T>(Tag<T> tag, CancellationToken ct = default)
    {
        if (Members.Count != 1)
        {
            throw new InvalidOperationException($"Receive(\"{tag.Name}\") needs one party, but the group has {Members.Count}; use ReceiveAll");
        }
        return ReceiveFrom(Members[0], tag, ct);
    }

    /// <summary>Receives one message from every member, in member order.</summary>
    public async Task<IReadOnlyList<T>> ReceiveAll<T>(Tag<T> tag, CancellationToken ct = default) =>
        await Task.WhenAll(Members.Select(from => ReceiveFrom(from, tag, ct))).ConfigureAwait(false);

    private async Task<T> ReceiveFrom<T>(PartyRef from, Tag<T> tag, CancellationToken ct)
    {
        var key = KeyFor(tag, from: from, to: _ctx.Self);
        IncomingPayload received;
        using (PhaseTimer.Start(Phase.Transport))
        {
            received = await _ctx.Transport.ReceiveAsync(key, ct).ConfigureAwait(false);
        }
        using var payload = received;
        using var timing = PhaseTimer.Start(Phase.Serialization);
        await using var stream = payload.OpenRead();
        try
        {
            if (_ctx.Transcript is not Transcript transcript)
            {
                return await tag.Codec.ReadAsync(stream, ct).ConfigureAwait(false);
            }
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct).ConfigureAwait(false);
            copy.Position = 0;
            var value = await tag.Codec.ReadAsync(copy, ct).ConfigureAwait(false);
            transcript.Record(new TranscriptEntry(key, copy.ToArray(), value));
            return value;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidCiphertextException)
        {
            throw new FederationException($"message \"{tag.Name}\" ({key.Scope}) from party {from} is malformed: {ex.Message}", from, ex);
        }
    }

    private MessageKey KeyFor<T>(Tag<T> tag, PartyRef from, PartyRef to) => new(_ctx.JobId, _ctx.Scope, tag.Name, from, to);
}
