using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>A host that sends what the protocol does not allow: the guest stops with an error naming it.</summary>
public class PsiBadPeerTests
{
    private const int Host = PsiFederation.FirstHostId;

    [Fact]
    public async Task Bytes_that_are_not_group_elements_fail_the_guest_naming_the_host()
    {
        var error = await RunAgainstAsync(async host =>
        {
            var garbage = new byte[3 * 32];
            garbage.AsSpan().Fill(0xFF);
            await host.Guest.Send(PsiProtocol.HostBlindedIds, garbage);
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("host_blinded_ids", error.Message);
        Assert.Contains("not a valid ristretto255 group element", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_length_fails_the_guest_naming_the_host()
    {
        var error = await RunAgainstAsync(async host =>
        {
            // The first step done properly, so that only the reply is wrong.
            var own = BlindedIds.Of(["a", "b"], new PsiOptions(), new PsiStopwatch());
            await host.Guest.Send(PsiProtocol.HostBlindedIds, own.Blinded);
            var guestIds = await host.Guest.Receive(PsiProtocol.GuestBlindedIds);
            await host.Guest.Send(PsiProtocol.DoublyBlindedGuestIds, guestIds[..32]);
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("returned 1 \"doubly_blinded_guest_ids\" for 3 ids", error.Message);
    }

    private static async Task<FederationException> RunAgainstAsync(Func<FederationContext, Task> host)
    {
        var (contexts, _) = PsiFederation.Join(hosts: 1);
        var hostTask = Task.Run(() => host(contexts[Host]));
        var error = await Assert.ThrowsAsync<FederationException>(() => new PsiGuest(contexts[PsiFederation.GuestId]).RunAsync(["a", "b", "c"], new PsiOptions()));
        await hostTask;
        return error;
    }
}
