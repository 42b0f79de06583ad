using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Federation.Transport.Http;

/// <summary>What a node's server needs: who it is, where it listens, and whom it trusts.</summary>
public sealed record FederationServerOptions(int SelfId, IPEndPoint Listen, X509Certificate2 Certificate, X509Certificate2 FederationCa)
{
    /// <summary>Which job sessions this node runs and who takes part in each: messages for anything else are refused.</summary>
    public required IMessageAdmission Admission { get; init; }

    /// <summary>Where Kestrel's own log lines go; none by default.</summary>
    public ILoggerProvider? Logging { get; init; }

    /// <summary>Services the higher layers' endpoints need (e.g. OpenAPI document generation).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The federation's revocation list; none means no certificate is revoked.</summary>
    public Revocations? Revocations { get; init; }

    /// <summary>Told why each refused TLS client or message was refused, so an operator can see who knocked.</summary>
    public Action<string>? OnRejection { get; init; }
}

/// <summary>
/// A party's listening side: Kestrel, HTTP/1.1 and HTTP/2 (the party-to-party paths HTTP/2 only, see
/// <see cref="PartyPathsNeedHttp2"/>), mutual TLS against the federation CA. It accepts
/// federation messages into the party's <see cref="Mailbox"/>, within the mailbox's limits and only for the job
/// sessions the admission names; higher layers map their own endpoints beside it.
/// </summary>
public sealed class FederationServer : IAsyncDisposable
{
    public const string MessagesPath = "/federation/v1/messages";
    public const string DeliveryHeader = "Concord-Delivery";
    private const int RejectionsKept = 100;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _rejections;

    private FederationServer(WebApplication app, Mailbox mailbox, ConcurrentQueue<string> rejections)
    {
        _app = app;
        Mailbox = mailbox;
        _rejections = rejections;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public Mailbox Mailbox { get; }

    /// <summary>The bound address; with port 0 in the options, the port the OS chose.</summary>
    public Uri Address { get; }

    /// <summary>Why each recently rejected TLS client was rejected (the last 100), newest last.</summary>
    public IReadOnlyList<string> RejectedPeers => _rejections.ToList();

    public IServiceProvider Services => _app.Services;

    public static async Task<FederationServer> StartAsync(
        FederationServerOptions options, Mailbox mailbox, Action<WebApplication>? mapEndpoints = null, CancellationToken ct = default)
    {
        var validator = new PeerValidator(options.FederationCa, options.Revocations);
        var rejections = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.Logging is not null)
        {
            builder.Logging.AddProvider(options.Logging);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            // Larger windows keep a 50 MB payload flowing; they also bound what the server buffers per stream.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
            kestrel.Listen(options.Listen, listen =>
            {
                // ALPN offers both, so curl, Python's urllib and requests reach the operator API as well as .NET's HttpClient.
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = options.Certificate,
                    // A certificate is optional at the TLS layer so the operator's CLI can use its token instead;
                    // every federation and control endpoint still demands a party or operator certificate.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    CheckCertificateRevocation = false,
                    // Kestrel calls this for every certificate a client presents, over TLS 1.2 and 1.3 alike (and on a
                    // resumed session too), so each refusal gets its line here whatever the protocol version.
                    ClientCertificateValidation = (certificate, _, _) =>
                    {
                        var reason = WhyRefused(validator, certificate);
                        if (reason is not null)
                        {
                            var line = $"rejected a TLS client: {reason}";
                            rejections.Enqueue(line);
                            while (rejections.Count > RejectionsKept && rejections.TryDequeue(out _))
                            {
                            }
                            options.OnRejection?.Invoke(line);
                        }
                        return reason is null;
                    },
                });
            });
        });
        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use(PartyPathsNeedHttp2.InvokeAsync);
        var receiver = new MessageReceiver(options.SelfId, mailbox, options.Admission, options.OnRejection);
        app.MapPost(MessagesPath, (Delegate)receiver.HandleAsync);
        mapEndpoints?.Invoke(app);
        await app.StartAsync(ct).ConfigureAwait(false);
        return new FederationServer(app, mailbox, rejections);
    }

    /// <summary>A certificate the validator cannot even parse is refused with a reason too, never with a silent abort.</summary>
    private static string? WhyRefused(PeerValidator validator, X509Certificate2 certificate)
    {
        try
        {
            return validator.WhyUntrusted(certificate);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return $"its certificate {PeerValidator.Named(certificate)} could not be checked: {ex.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
