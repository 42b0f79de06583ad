using Concord.Federation.Messaging;

namespace Concord.ML.Psi;

/// <summary>
/// The messages of RSA blind-signature PSI between the guest and one host, in the order they flow, before the
/// <see cref="PsiOutcomeProtocol"/>. Values modulo n are packed big-endian, n's byte length each. No id, no hash
/// H(id) and no signature H(id)^d ever crosses the wire: the guest's hashes only blinded by r^e, the host's
/// signatures only through a one-way digest.
/// </summary>
internal static class RsaPsiProtocol
{
    /// <summary>Host → guest: its fresh public key as [n, e], big-endian.</summary>
    public static readonly Tag<byte[][]> HostPublicKey = new("host_public_key");

    /// <summary>Host → guest: SHA-256 of H(y)^d for each host id y, in an order shuffled by the host, 32 bytes each.</summary>
    public static readonly Tag<byte[]> HostSignatureDigests = new("host_signature_digests");

    /// <summary>Guest → host: H(x)·r^e mod n for each guest id x, each with its own uniform r, in an order shuffled by the guest.</summary>
    public static readonly Tag<byte[]> GuestBlindedIds = new("guest_blinded_ids");

    /// <summary>Host → guest: (H(x)·r^e)^d = H(x)^d·r mod n, the guest's blinded ids signed, in the order received.</summary>
    public static readonly Tag<byte[]> SignedGuestBlindedIds = new("signed_guest_blinded_ids");
}
