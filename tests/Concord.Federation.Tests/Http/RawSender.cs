using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Messaging;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;

namespace Concord.Federation.Tests.Http;

/// <summary>
/// A peer holding a valid party certificate that posts messages as it likes, without the transport's retries:
/// what an attacker with a stolen or malicious party's key can do.
/// </summary>
internal sealed class RawSender(Uri address, int targetId, X509Certificate2 certificate, X509Certificate2 ca) : IDisposable
{
    private readonly MutualTlsClient _client = new(address, targetId, certificate, new PeerValidator(ca));

    /// <summary>Posts one message of <paramref name="payloadBytes"/> bytes, streamed without a length unless asked.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(MessageKey key, int payloadBytes, bool declareLength = false)
    {
        using var framed = new MemoryStream();
        await EnvelopeFraming.WriteAsync(framed, key, CancellationToken.None);
        framed.Write(new byte[payloadBytes]);
        HttpContent content = declareLength ? new ByteArrayContent(framed.ToArray()) : new UnsizedContent(framed.ToArray());
        using var request = MutualTlsClient.Request(HttpMethod.Post, FederationServer.MessagesPath, content);
        var response = await _client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public void Dispose() => _client.Dispose();

    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In chunks, as a real sender streams: the server may answer and stop reading part way.
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            stream.Write(bytes);
    }
}
