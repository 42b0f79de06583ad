using Concord.Federation.Messaging;
using Concord.Federation.Security;
using Microsoft.AspNetCore.Http;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// The server half of a delivery: checks that the sender is who its certificate says, that the message is
/// for this party and for a job session that runs here with the sender in it, then streams the payload into
/// the mailbox within its size limit and quotas. Every refusal comes before the payload is held.
/// </summary>
internal sealed class MessageReceiver(int selfId, Mailbox mailbox, IMessageAdmission admission, Action<string>? onRefusal)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var certificate = await http.Connection.GetClientCertificateAsync(ct).ConfigureAwait(false);
        var sender = certificate is null ? null : PartyIdentity.PartyIdOf(certificate);
        if (sender is not int from)
        {
            return Results.Text("only a party's certificate may send federation messages", statusCode: StatusCodes.Status403Forbidden);
        }
        MessageKey key;
        try
        {
            key = await EnvelopeFraming.ReadAsync(http.Request.Body, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            return Results.Text($"bad message from party {from}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        if (key.From.Id != from)
        {
            return Results.Text(
                $"certificate names party {from}, but the message claims to come from party {key.From.Id}",
                statusCode: StatusCodes.Status403Forbidden);
        }
        if (key.To.Id != selfId)
        {
            return Results.Text($"this node is party {selfId}, not party {key.To.Id}", statusCode: StatusCodes.Status404NotFound);
        }
        switch (admission.Admit(key.JobId, from))
        {
            case Admission.Unknown:
                // Not logged: a faster peer's first message meets this routinely, before the job starts here.
                http.Response.Headers.RetryAfter = "1";
                return Results.Text($"party {selfId} runs no job session \"{key.JobId}\" (not yet, or never)", statusCode: StatusCodes.Status503ServiceUnavailable);
            case Admission.NotAParty:
                return Refuse(StatusCodes.Status403Forbidden, $"party {from} takes no part in job session \"{key.JobId}\" at party {selfId}");
            case Admission.Ended:
                return Delivered(http, Mailbox.Outcome.Discarded);
        }
        if (http.Request.ContentLength > mailbox.Options.MaxMessageBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, key, $"it declares {http.Request.ContentLength} bytes, more than {mailbox.Options.MessageLimit}");
        }
        if (mailbox.HasDelivered(key))
        {
            // Answered without reading the resend: HTTP/2 lets a server reply early and reset the rest of the stream.
            mailbox.CountDuplicate();
            return Delivered(http, Mailbox.Outcome.Duplicate);
        }
        IncomingPayload payload;
        try
        {
            payload = await mailbox.CaptureAsync(key, http.Request.Body, ct).ConfigureAwait(false);
        }
        catch (PayloadRefusedException ex) when (ex.Reason == PayloadRefusedException.Cause.TooLarge)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, key, ex.Message);
        }
        catch (PayloadRefusedException ex)
        {
            http.Response.Headers.RetryAfter = "1";
            return Refuse(StatusCodes.Status429TooManyRequests, key, ex.Message);
        }
        return Delivered(http, mailbox.Deliver(key, payload));
    }

    private IResult Refuse(int status, MessageKey key, string reason) =>
        Refuse(status, $"party {selfId} refused \"{key.Tag}\" ({key.JobId}/{key.Scope}) from party {key.From.Id}: {reason}");

    private IResult Refuse(int status, string reason)
    {
        onRefusal?.Invoke($"refused a message: {reason}");
        return Results.Text(reason, statusCode: status);
    }

    private static IResult Delivered(HttpContext http, Mailbox.Outcome outcome)
    {
        var word = outcome.ToString().ToLowerInvariant();
        http.Response.Headers[FederationServer.DeliveryHeader] = word;
        return Results.Text(word);
    }
}
