using Concord.Federation.Messaging;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// The messages of Bonawitz et al.'s secure aggregation (CCS 2017), semi-honest arbiter, in their four steps, with
/// steps 0 and 1 done once for several rounds: each client advertises and Shamir-shares one mask key and one self-mask
/// seed per round of the batch, so each round runs only steps 2 and 3 and reveals only its own round's secrets. The
/// arbiter relays everything (clients never talk to each other); an announcement whose list leaves a client out tells
/// that client its part is over, and an empty list tells everyone the round (or batch) is aborted.
/// </summary>
internal static class BonawitzProtocol
{
    /// <summary>Step 0, client → arbiter: fresh P-256 public keys, one to seal shares with, one per round of the batch to agree masks with.</summary>
    public static readonly Tag<AdvertisedKeys> PublicKeys = new("secagg_public_keys");

    /// <summary>Step 0, arbiter → participants: U1, the clients whose keys arrived in time, with their keys.</summary>
    public static readonly Tag<KeyRoster> KeyAnnouncement = new("secagg_key_roster");

    /// <summary>Step 1, client → arbiter: its shares of its mask keys and self-mask seeds (one each per round of the batch), sealed for each other client of U1.</summary>
    public static readonly Tag<SealedShares> EncryptedShares = new("secagg_encrypted_shares");

    /// <summary>Step 1, arbiter → each participant: U2 and the envelopes U2's members sealed for it.</summary>
    public static readonly Tag<RelayedShares> Relayed = new("secagg_relayed_shares");

    /// <summary>Step 2, client → arbiter: y = x + PRG(b) ± Σ PRG(s_uv) over U2, in Z_2^64.</summary>
    public static readonly Tag<ulong[]> MaskedInput = new("secagg_masked_input");

    /// <summary>Step 3, arbiter → participants: U3, the clients whose masked input arrived in time.</summary>
    public static readonly Tag<SurvivorList> Survivors = new("secagg_survivors");

    /// <summary>Step 3, client → arbiter: its share of b_u for each survivor u, of the mask key s_v for each v that dropped after sharing.</summary>
    public static readonly Tag<UnmaskingShares> Unmasking = new("secagg_unmasking_shares");
}

/// <summary>Which keys a round uses: a new batch agreed first, or the next key of the current one.</summary>
/// <param name="Index">The round's key within the batch: each is used for one round only.</param>
public sealed record RoundKeys(bool NewBatch, int Index);

/// <param name="MaskKeys">One mask public key per round of the batch.</param>
public sealed record AdvertisedKeys(byte[] CipherKey, byte[][] MaskKeys);

/// <summary>U1 in canonical order; a client's share x-coordinate is its position here plus one.</summary>
/// <param name="MaskKeys">By party, then by round of the batch.</param>
public sealed record KeyRoster(string[] Parties, byte[][] CipherKeys, byte[][][] MaskKeys);

public sealed record SealedShares(string[] To, byte[][] Envelopes);

public sealed record RelayedShares(string[] Sharers, byte[][] Envelopes);

public sealed record SurvivorList(string[] Parties);

/// <summary>Inside an envelope: the receiver's x-coordinate and its shares of the sender's secrets, one mask key and one self-mask seed per round of the batch.</summary>
public sealed record KeyShares(int X, byte[][] MaskKeyShares, byte[][] SelfSeedShares);

public sealed record UnmaskingShares(string[] SelfSeedOwners, byte[][] SelfSeedShares, string[] MaskKeyOwners, byte[][] MaskKeyShares);
