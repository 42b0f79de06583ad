using Concord.Federation.Security;
using Microsoft.AspNetCore.Http;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// The server half of a delivery: checks that the sender is who its certificate says, that the message is
/// for this party, then streams the payload into the mailbox.
/// </summary>
internal sealed class MessageReceiver(int selfId, Mailbox mailbox, FederationOptions options)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var certificate = await http.Connection.GetClientCertificateAsync(ct).ConfigureAwait(false);
        var sender = certificate is null ? null : PartyIdentity.PartyIdOf(certificate);
        if (sender is null)
        {
            return Results.Text("only a party's certificate may send federation messages", statusCode: StatusCodes.Status403Forbidden);
        }
        Messaging.MessageKey key;
        try
        {
            key = await EnvelopeFraming.ReadAsync(http.Request.Body, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            return Results.Text($"bad message from party {sender}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        if (key.From.Id != sender)
        {
            return Results.Text(
                $"certificate names party {sender}, but the message claims to come from party {key.From.Id}",
                statusCode: StatusCodes.Status403Forbidden);
        }
        if (key.To.Id != selfId)
        {
            return Results.Text($"this node is party {selfId}, not party {key.To.Id}", statusCode: StatusCodes.Status404NotFound);
        }
        if (mailbox.HasDelivered(key))
        {
            await http.Request.Body.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            mailbox.CountDuplicate();
            return Delivered(http, Mailbox.Outcome.Duplicate);
        }
        var payload = await IncomingPayload.CaptureAsync(http.Request.Body, options.InMemoryPayloadLimit, options.SpoolDirectory, ct).ConfigureAwait(false);
        return Delivered(http, mailbox.Deliver(key, payload));
    }

    private static IResult Delivered(HttpContext http, Mailbox.Outcome outcome)
    {
        var word = outcome == Mailbox.Outcome.Accepted ? "accepted" : "duplicate";
        http.Response.Headers[FederationServer.DeliveryHeader] = word;
        return Results.Text(word);
    }
}
