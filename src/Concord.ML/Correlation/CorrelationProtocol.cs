using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Messaging;

namespace Concord.ML.Correlation;

/// <summary>The messages of cross-party correlation, in the order they flow, and their fixed-point scales.</summary>
internal static class CorrelationProtocol
{
    /// <summary>Host → guest: how many columns it has, a digest of its ordered ids, or why it cannot take part.</summary>
    public static readonly Tag<HostSetup> Setup = new("correlation_host_setup");

    /// <summary>Guest → hosts: the guest's column count, or why the run stops.</summary>
    public static readonly Tag<CorrelationPlan> Plan = new("correlation_plan");

    /// <summary>Guest → hosts: the public key of the guest's Paillier key pair.</summary>
    public static readonly Tag<PaillierPublicKey> PublicKey = new("paillier_public_key");

    /// <summary>Guest → hosts: Enc(z_g) for every guest column and row, column after column, fixed point at <see cref="GuestScale"/>.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedColumns = EncryptedTag.Vector("encrypted_guest_columns");

    /// <summary>Host → guest: Enc(Σ_i z_g·z_h + r) per (guest column, host column), r a fresh uniform mask in Z_n.</summary>
    public static readonly EncryptedTag<CipherVector> MaskedCrossProducts = EncryptedTag.Vector("masked_cross_products");

    /// <summary>Host → guest: the host's shares −r of the cross products, opened to the guest; it now learns Σ z_g·z_h.</summary>
    public static readonly Tag<BigInteger[]> HostShares = new("host_cross_shares");

    /// <summary>Guest → host, only under host_learns_cross: the guest's shares (the decrypted masked sums), opened to the host.</summary>
    public static readonly Tag<BigInteger[]> GuestShares = new("guest_cross_shares");

    /// <summary>Scale of the guest's encrypted z-scores: free to be fine, since the guest encodes them in plaintext.</summary>
    public const double GuestScale = 1L << 40;

    /// <summary>
    /// Scale of the host's z-scores as exponents of the multi-exponentiation, which costs per bit: |z| ≤ √n, so 2^32 gives
    /// exponents below 2^48 for any n below 2^32, and a rounding error below 2^−33·mean|z_g| ≈ 1e−10 in each correlation.
    /// </summary>
    public const double HostScale = 1L << 32;
}

/// <param name="IdDigest">SHA-256 of the host's ordered ids (public after PSI), so that misaligned rows are refused.</param>
internal sealed record HostSetup(int Columns, int Rows, byte[] IdDigest, string? Problem);

/// <param name="GuestColumns">How many guest columns the encrypted vector holds, row count each.</param>
internal sealed record CorrelationPlan(int GuestColumns, string? Rejection);
