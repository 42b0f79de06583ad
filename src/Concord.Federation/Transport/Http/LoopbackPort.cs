using System.Net;
using System.Net.Sockets;

namespace Concord.Federation.Transport.Http;

/// <summary>A port on 127.0.0.1 that nothing listens on right now, for nodes started on one machine.</summary>
public static class LoopbackPort
{
    // Below Linux's ephemeral range (32768 and up by default): a port the kernel handed out would be free now
    // but could be taken again by any outgoing connection before the node binds it.
    private const int First = 20000;
    private const int Last = 32000;

    public static int Free() => Free(IPAddress.Loopback);

    /// <summary>As <see cref="Free()"/>, on another loopback address (Linux routes all of 127.0.0.0/8 to the loopback device).</summary>
    public static int Free(IPAddress address)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(address, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"no free port between {First} and {Last} on {address} after 100 tries");
    }
}
