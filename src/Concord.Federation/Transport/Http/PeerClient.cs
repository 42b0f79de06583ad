using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Security;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// The sending side towards one peer: an HTTP/2 connection over mutual TLS that accepts only a server
/// certificate naming that peer's party id, with retries and backoff around each delivery.
/// </summary>
internal sealed class PeerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly FederationOptions _options;
    private readonly int _peerId;
    private string? _lastRejection;

    public PeerClient(int peerId, Uri address, X509Certificate2 ownCertificate, PeerValidator validator, FederationOptions options)
    {
        _peerId = peerId;
        _options = options;
        Address = address;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            SslOptions =
            {
                ClientCertificates = [ownCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var reason = certificate is null
                        ? "it presented no certificate"
                        : validator.WhyNotParty(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), peerId);
                    _lastRejection = reason;
                    return reason is null;
                },
            },
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Address { get; }

    /// <summary>Delivers one message, retrying transient failures; a resend of a delivered key is harmless.</summary>
    public async Task DeliverAsync(MessageKey key, PayloadWriter payload, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
            }
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptTimeout.CancelAfter(_options.AttemptTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, FederationServer.MessagesPath)
                {
                    Content = new MessageContent(key, payload),
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var response = await _http.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                var reason = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if ((int)response.StatusCode < 500)
                {
                    throw new FederationException($"party {key.To} at {Address} refused \"{key.Tag}\" ({key.Scope}): {reason}", key.To);
                }
                last = new HttpRequestException($"HTTP {(int)response.StatusCode}: {reason}");
            }
            catch (HttpRequestException ex) when (IsAuthenticationFailure(ex))
            {
                throw new FederationException(
                    $"mutual TLS with party {key.To} at {Address} failed: {_lastRejection ?? "the peer rejected this party's certificate"}", key.To, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException
                || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                last = ex;
            }
        }
        throw new PeerUnreachableException(
            $"party {key.To} at {Address} is unreachable: {_options.MaxAttempts} attempts to deliver \"{key.Tag}\" failed; last error: {last?.Message}",
            key.To, last);
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2);
        return TimeSpan.FromMilliseconds(exponential * (0.75 + (Random.Shared.NextDouble() * 0.5)));
    }

    private static bool IsAuthenticationFailure(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The envelope then the payload, written straight into the HTTP/2 stream through a small buffer.</summary>
    private sealed class MessageContent : HttpContent
    {
        private readonly MessageKey _key;
        private readonly PayloadWriter _payload;

        public MessageContent(MessageKey key, PayloadWriter payload)
        {
            _key = key;
            _payload = payload;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            // Not disposed: disposing a BufferedStream would close the request stream under HttpClient.
            var buffered = new BufferedStream(stream, Messaging.Codecs.WireIO.ChunkBytes);
            await EnvelopeFraming.WriteAsync(buffered, _key, cancellationToken).ConfigureAwait(false);
            await _payload(buffered, cancellationToken).ConfigureAwait(false);
            await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
