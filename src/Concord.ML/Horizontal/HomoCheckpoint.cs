using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.ML.Horizontal.Strategies;

namespace Concord.ML.Horizontal;

/// <summary>One round as the arbiter saw it.</summary>
/// <param name="Loss">The weighted mean local training loss of the included clients; null when DP keeps it private.</param>
/// <param name="Seconds">From sending the round's plan to applying its sum, at the arbiter.</param>
public sealed record RoundRecord(int Round, int Participants, int Included, double? Loss, double? Epsilon, double Seconds = 0);

/// <summary>A party's state after a round, saved every checkpoint_every rounds so that a restarted job resumes with the next.</summary>
/// <param name="Global">The global parameters where this party holds them (the arbiter; the clients under Paillier), else null.</param>
/// <param name="Strategy">The strategy's state (server-optimiser moments, momentum) beside the global model it moves.</param>
internal sealed record HomoCheckpoint(int NextRound, double[]? Global, List<RoundRecord> Rounds, LedgerState? Privacy, bool Stopped, StrategyState? Strategy)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static HomoCheckpoint FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<HomoCheckpoint>(bytes, Json) ?? throw new InvalidDataException("the horizontal training checkpoint is empty");
}
