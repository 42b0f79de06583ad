using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Bench.Transport;

/// <summary>
/// The references: the same bytes copied through a plain loopback TCP socket, and through the same socket
/// wrapped in TLS with the parties' certificates, with no HTTP and no serialisation.
/// </summary>
internal static class RawSocketCopy
{
    public static Task<TimeSpan> PlainAsync(long bytes, int chunkBytes, CancellationToken ct) =>
        CopyAsync(bytes, chunkBytes, (stream, _) => Task.FromResult(stream), (stream, _) => Task.FromResult(stream), ct);

    public static Task<TimeSpan> TlsAsync(long bytes, int chunkBytes, X509Certificate2 serverCertificate, X509Certificate2 clientCertificate, CancellationToken ct) =>
        CopyAsync(
            bytes,
            chunkBytes,
            async (stream, token) =>
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate, ClientCertificateRequired = true }, token);
                return tls;
            },
            async (stream, token) =>
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", ClientCertificates = [clientCertificate] }, token);
                return tls;
            },
            ct);

    private static async Task<TimeSpan> CopyAsync(
        long bytes, int chunkBytes, Func<Stream, CancellationToken, Task<Stream>> wrapServer, Func<Stream, CancellationToken, Task<Stream>> wrapClient, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ready = new TaskCompletionSource();
        var receive = Task.Run(async () =>
        {
            using var server = await listener.AcceptTcpClientAsync(ct);
            await using var stream = await wrapServer(server.GetStream(), ct);
            ready.SetResult();
            var buffer = new byte[chunkBytes];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
            }
            return total;
        }, ct);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var clock = new Stopwatch();
        await using (var stream = await wrapClient(client.GetStream(), ct))
        {
            await ready.Task;
            // Timed from after the handshakes: the reference is the copy itself.
            clock.Start();
            var chunk = new byte[chunkBytes];
            Random.Shared.NextBytes(chunk);
            for (long sent = 0; sent < bytes; sent += chunkBytes)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunkBytes, bytes - sent)), ct);
            }
            if (stream is SslStream tls)
            {
                await tls.ShutdownAsync();
            }
            client.Client.Shutdown(SocketShutdown.Send);
            // Drain what the server still sends (TLS 1.3 session tickets, close_notify), so closing resets nothing.
            var sink = new byte[4096];
            while (await stream.ReadAsync(sink, ct) > 0)
            {
            }
        }
        var received = await receive;
        clock.Stop();
        if (received != bytes)
        {
            throw new InvalidOperationException($"reference copy received {received} of {bytes} bytes");
        }
        return clock.Elapsed;
    }
}
