using Concord.Federation.Transport.Http;

namespace Concord.Federation.Tests.Http;

public class LoopbackPortTests
{
    [Fact]
    public void A_process_is_never_handed_the_same_port_twice_and_each_is_reserved_by_a_locked_file()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPort.Free()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        // Another process (here: another open) cannot take the reservation while this process holds it.
        var file = Path.Combine(Path.GetTempPath(), "concord-loopback-ports", $"127.0.0.1-{ports[0]}");
        Assert.Throws<IOException>(() => new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
    }
}
