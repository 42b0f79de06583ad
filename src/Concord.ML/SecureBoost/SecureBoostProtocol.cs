using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Messaging;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The messages of Hetero SecureBoost, in the order they flow. The guest holds the labels and the Paillier key; each
/// host drives its part by the commands the guest sends it, one per step (<see cref="Runtime.TrainingLoop.Steps"/>, per
/// host). Ciphertext vectors travel under <see cref="EncryptedTag{T}"/>s, received bound to the guest's key.
/// </summary>
internal static class SecureBoostProtocol
{
    /// <summary>Host → guest, once: digests of its ordered training (and validation) ids, its feature count, or why it cannot train.</summary>
    public static readonly Tag<HostHello> Hello = new("host_hello");

    /// <summary>Guest → hosts, once: the Paillier public key and the layout of the packed gradient plaintexts, or why training stops.</summary>
    public static readonly Tag<BoostSetup> Setup = new("boost_setup", new BoostSetupCodec());

    /// <summary>Guest → host, per step: what to do next (take a round's gradients, split a layer, answer a prediction query, finish).</summary>
    public static readonly Tag<HostCommand> Command = new("host_command");

    /// <summary>Guest → hosts, per round: Enc(g, h packed per row), for the rows the command lists.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedGradients = EncryptedTag.Vector("encrypted_gradients");

    /// <summary>Host → guest, per layer: how many split candidates the host lists for each node.</summary>
    public static readonly Tag<long[]> CandidateCounts = new("candidate_counts");

    /// <summary>Host → guest, per layer: Enc(left-child g and h sums) per candidate, shuffled, packed several per ciphertext, re-randomised.</summary>
    public static readonly EncryptedTag<CipherVector> EncryptedSplitSums = EncryptedTag.Vector("encrypted_split_sums");

    /// <summary>Guest → host, per layer: for the nodes this host won, its candidates of the best gain (indices into its own shuffled list).</summary>
    public static readonly Tag<NodeChoices> SplitChoices = new("split_choices");

    /// <summary>Host → guest, per layer: for each chosen split, its opaque id and which of the node's rows go left.</summary>
    public static readonly Tag<SplitPartitions> Partitions = new("split_partitions");

    /// <summary>Host → guest, per prediction query: one bit per (split id, row): whether the row goes left.</summary>
    public static readonly Tag<byte[]> Directions = new("split_directions");

}

/// <summary>
/// A host's opening: digests of its ordered ids (validation null when it has none), its feature count, how many splits
/// its warm-start lookup table holds (−1 without one), and a refusal if it cannot train.
/// </summary>
internal sealed record HostHello(byte[] TrainDigest, byte[]? ValidateDigest, int Features, int WarmStartSplits, string? Rejection);

/// <summary>
/// The guest's opening. Each row's plaintext packs 2·outputs signed values (g then h per output) in slots of
/// <c>SignedPacking(key bits − 1, ValueBits, MaxTerms)</c>; hosts pack <see cref="CandidatesPerCiphertext"/> candidates per ciphertext.
/// </summary>
internal sealed record BoostSetup(PaillierPublicKey? PublicKey, int ValueBits, long MaxTerms, int SlotsPerRow, int CandidatesPerCiphertext, string? Rejection);

internal enum HostCommandKind
{
    /// <summary>The round's encrypted gradients follow, for <see cref="HostCommand.Rows"/>.</summary>
    Gradients,
    /// <summary>List split candidates for <see cref="HostCommand.Nodes"/> of tree <see cref="HostCommand.Tree"/>, then apply the guest's choices.</summary>
    Layer,
    /// <summary>Say for each (split id, row) whether the row of <see cref="HostCommand.Dataset"/> goes left.</summary>
    Predict,
    /// <summary>Training is over: keep <see cref="HostCommand.SplitIds"/> (the splits the final trees use), with their gains.</summary>
    Finish,
}

/// <summary>A node of a layer as a host needs it: its id, its parent's (for histogram subtraction), and its rows.</summary>
internal sealed record CommandNode(int Node, int Parent, int[] Rows);

internal sealed record HostCommand(
    HostCommandKind Kind,
    int Tree = -1,
    IReadOnlyList<CommandNode>? Nodes = null,
    BoostDataset Dataset = BoostDataset.Train,
    long[]? SplitIds = null,
    int[]? Rows = null,
    double[]? Gains = null);

/// <summary>
/// Per chosen node, the indices (in the host's shuffled list) of the candidates that share the best gain exactly; the
/// host takes the first of them in its canonical order, as every party does.
/// </summary>
internal sealed record NodeChoices(int[] Nodes, int[][] Candidates);

/// <summary>Per choice, in order: the split's opaque id and a bit per node row (least significant first) set when the row goes left.</summary>
internal sealed record SplitPartitions(long[] SplitIds, byte[][] LeftMasks);
