using Concord.Federation.Messaging;

namespace Concord.ML.Psi;

/// <summary>
/// The messages of ECDH-PSI, in the order they flow, before the <see cref="PsiOutcomeProtocol"/>. Every id crosses
/// the wire only as H(id)·k for a secret scalar k the receiver does not hold; ids themselves never cross it.
/// </summary>
internal static class EcdhPsiProtocol
{
    /// <summary>Host → guest: H(y)·b for each host id y, in an order shuffled by the host, 32 bytes each.</summary>
    public static readonly Tag<byte[]> HostBlindedIds = new("host_blinded_ids");

    /// <summary>Guest → every host: H(x)·a for each guest id x, in an order shuffled by the guest.</summary>
    public static readonly Tag<byte[]> GuestBlindedIds = new("guest_blinded_ids");

    /// <summary>Host → guest: H(x)·a·b, the guest's blinded ids blinded again, in the order received.</summary>
    public static readonly Tag<byte[]> DoublyBlindedGuestIds = new("doubly_blinded_guest_ids");
}
