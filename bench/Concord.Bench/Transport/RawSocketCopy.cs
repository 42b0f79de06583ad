using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Concord.Bench.Transport;

/// <summary>The reference: the same bytes copied through a plain loopback TCP socket, no TLS, no HTTP.</summary>
internal static class RawSocketCopy
{
    public static async Task<TimeSpan> RunAsync(long bytes, int chunkBytes, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var receive = Task.Run(async () =>
        {
            using var server = await listener.AcceptTcpClientAsync(ct);
            await using var stream = server.GetStream();
            var buffer = new byte[chunkBytes];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
            }
            return total;
        }, ct);
        var clock = Stopwatch.StartNew();
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            await using var stream = client.GetStream();
            var chunk = new byte[chunkBytes];
            Random.Shared.NextBytes(chunk);
            for (long sent = 0; sent < bytes; sent += chunkBytes)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunkBytes, bytes - sent)), ct);
            }
        }
        var received = await receive;
        clock.Stop();
        if (received != bytes)
        {
            throw new InvalidOperationException($"raw socket copy received {received} of {bytes} bytes");
        }
        return clock.Elapsed;
    }
}
