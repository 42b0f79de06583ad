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

    // A port is free when probed but is bound only later, by the node. Two processes on one machine (test assemblies
    // run side by side; `concord run` beside a test) could probe the same port in that gap and the second node would
    // fail to bind. So each port handed out is also reserved by an exclusive lock on a file named after it, held until
    // this process exits; other processes skip a port whose file is locked, and this one never hands a port out twice.
    private static readonly string ReservationFolder = Path.Combine(Path.GetTempPath(), "concord-loopback-ports");
    private static readonly List<FileStream> Reservations = [];
    private static readonly HashSet<(IPAddress, int)> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Free() => Free(IPAddress.Loopback);

    /// <summary>As <see cref="Free()"/>, on another loopback address (Linux routes all of 127.0.0.0/8 to the loopback device).</summary>
    public static int Free(IPAddress address)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (!HandedOut.Contains((address, port)) && Reserve(address, port) && Listenable(address, port))
                {
                    HandedOut.Add((address, port));
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"no free port between {First} and {Last} on {address} after 100 tries");
    }

    private static bool Reserve(IPAddress address, int port)
    {
        try
        {
            Directory.CreateDirectory(ReservationFolder);
            // FileShare.None takes an exclusive advisory lock (flock) that the kernel drops when this process exits.
            Reservations.Add(new FileStream(Path.Combine(ReservationFolder, $"{address}-{port}"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // A temp folder this user cannot write: fall back to probing alone, as before.
            return true;
        }
    }

    private static bool Listenable(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
