using System.Diagnostics;
using System.Net;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;

namespace Concord.Bench.Transport;

public sealed record TransportBenchmarkOptions(int Ciphertexts = 100_000, int CiphertextBytes = 512, int Repetitions = 3);

/// <summary>
/// One measured figure: the best of the repetitions, since noise on a shared machine only adds time.
/// <see cref="TotalSeconds"/> is the whole run, warm-up and every repetition of all three paths.
/// </summary>
public sealed record TransportBenchmarkResult(
    long PayloadBytes,
    double Http2MegabytesPerSecond,
    double RawSocketMegabytesPerSecond,
    double TlsSocketMegabytesPerSecond,
    double RatioToRawSocket,
    double RatioToTlsSocket,
    double Http2BestSeconds,
    double RawSocketBestSeconds,
    double TlsSocketBestSeconds,
    int Repetitions,
    double TotalSeconds);

/// <summary>
/// <c>concord bench transport</c>: a ciphertext-like vector from one node to another over HTTP/2 with mutual
/// TLS on loopback, end to end (serialise, stream, spool, deserialise), against a raw socket copy of the
/// same number of bytes measured in the same run.
/// </summary>
public static class TransportBenchmark
{
    private const int ReferenceChunkBytes = 1024 * 1024;
    private static readonly Tag<byte[][]> EncryptedGradient = new("encrypted_gradient");

    public static async Task<TransportBenchmarkResult> RunAsync(TransportBenchmarkOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var run = Stopwatch.StartNew();
        var random = new Random(1);
        var vector = Enumerable.Range(0, options.Ciphertexts).Select(_ =>
        {
            var c = new byte[options.CiphertextBytes];
            random.NextBytes(c);
            return c;
        }).ToArray();
        // The wire size: a count, then each item's 8-byte length and bytes.
        var payloadBytes = 8 + ((long)options.Ciphertexts * (8 + options.CiphertextBytes));

        using var ca = CertificateAuthority.Create("bench", TimeSpan.FromHours(1));
        var now = DateTimeOffset.UtcNow;
        using var guestCertificate = ca.IssueParty(9999, now.AddMinutes(-1), now.AddHours(1));
        using var hostCertificate = ca.IssueParty(10000, now.AddMinutes(-1), now.AddHours(1));
        var federationOptions = new FederationOptions();
        var hostMailbox = new Mailbox(federationOptions);
        await using var hostServer = await FederationServer.StartAsync(
            new FederationServerOptions(10000, new IPEndPoint(IPAddress.Loopback, 0), hostCertificate, ca.Certificate) { Admission = AdmitAll.Instance },
            hostMailbox, ct: ct);
        var directory = new PartyDirectory(new Dictionary<int, Uri> { [10000] = hostServer.Address });
        await using var guestTransport = new HttpTransport(9999, new Mailbox(federationOptions), directory, guestCertificate, ca.Certificate, federationOptions);
        await using var hostTransport = new HttpTransport(10000, hostMailbox, directory, hostCertificate, ca.Certificate, federationOptions);
        var roster = new Roster(9999, [10000]);
        var guest = new FederationContext("bench", PartyRef.Guest(9999), roster, guestTransport);
        var host = new FederationContext("bench", PartyRef.Host(10000), roster, hostTransport);

        var http = TimeSpan.MaxValue;
        var raw = TimeSpan.MaxValue;
        var tls = TimeSpan.MaxValue;
        // Repetition 0 warms up the connection and the JIT and is not counted.
        for (var rep = 0; rep <= options.Repetitions; rep++)
        {
            var round = guest.Iteration(rep);
            var clock = Stopwatch.StartNew();
            await round.Hosts.Send(EncryptedGradient, vector, ct);
            var received = await host.Iteration(rep).Guest.Receive(EncryptedGradient, ct);
            clock.Stop();
            if (received.Length != vector.Length || !received[^1].AsSpan().SequenceEqual(vector[^1]))
            {
                throw new InvalidOperationException("the benchmark payload arrived altered");
            }
            var socket = await RawSocketCopy.PlainAsync(payloadBytes, ReferenceChunkBytes, ct);
            var tlsSocket = await RawSocketCopy.TlsAsync(payloadBytes, ReferenceChunkBytes, hostCertificate, guestCertificate, ct);
            if (rep > 0)
            {
                http = Min(http, clock.Elapsed);
                raw = Min(raw, socket);
                tls = Min(tls, tlsSocket);
                progress?.Report($"repetition {rep}/{options.Repetitions}: HTTP/2 mTLS {Mbps(payloadBytes, clock.Elapsed):F0} MB/s, "
                    + $"raw socket {Mbps(payloadBytes, socket):F0} MB/s, TLS socket {Mbps(payloadBytes, tlsSocket):F0} MB/s");
            }
        }
        var httpRate = Mbps(payloadBytes, http);
        var rawRate = Mbps(payloadBytes, raw);
        var tlsRate = Mbps(payloadBytes, tls);
        return new TransportBenchmarkResult(
            payloadBytes, httpRate, rawRate, tlsRate, httpRate / rawRate, httpRate / tlsRate, http.TotalSeconds, raw.TotalSeconds, tls.TotalSeconds, options.Repetitions,
            run.Elapsed.TotalSeconds);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static double Mbps(long bytes, TimeSpan elapsed) => bytes / 1e6 / elapsed.TotalSeconds;
}
