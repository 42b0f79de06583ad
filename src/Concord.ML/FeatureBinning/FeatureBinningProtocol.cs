using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Messaging;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// The messages of hetero feature binning (FATE's protocol), in the order they flow. The guest holds the labels and
/// the Paillier key; each host bins its own columns and sums the guest's label ciphertexts per bin.
/// </summary>
internal static class FeatureBinningProtocol
{
    /// <summary>Host → guest: a digest of its ordered ids (alignment check), or why it cannot bin its columns.</summary>
    public static readonly Tag<BinningHello> Hello = new("binning_hello");

    /// <summary>Guest → hosts: how many events the labels define (1 for binary, one per class), or why the run stops.</summary>
    public static readonly Tag<BinningSetup> Setup = new("binning_setup");

    /// <summary>Guest → hosts: the public key the labels are encrypted under.</summary>
    public static readonly Tag<PaillierPublicKey> PublicKey = new("paillier_public_key");

    /// <summary>Guest → hosts: Enc(1 if row r is an event of k, else 0), event-major: element k·n + r.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedLabels = EncryptedTag.Vector("encrypted_labels");

    /// <summary>Host → guest: rows per bin (value bins, then the missing bin) of each of its columns, in column order.</summary>
    public static readonly Tag<long[][]> BinCounts = new("bin_counts");

    /// <summary>Host → guest: Enc(events per bin), event-major then column then bin, re-randomised.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedBinSums = EncryptedTag.Vector("encrypted_bin_sums");

    /// <summary>Guest → host: per column, the WOE of each bin (binary labels) and the IV (per class when multi-class).</summary>
    public static readonly Tag<HostColumnWoe> BinWoe = new("bin_woe");
}

internal sealed record BinningHello(byte[] IdsDigest, string? Rejection);

internal sealed record BinningSetup(int Events, string? Rejection);

/// <summary>What the guest returns to a host: per column (host order) WOE per bin (null when multi-class) and IV.</summary>
internal sealed record HostColumnWoe(double[][]? Woe, double[] Iv, Dictionary<string, double>[]? ClassIvs);
