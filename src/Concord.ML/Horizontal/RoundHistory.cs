namespace Concord.ML.Horizontal;

/// <summary>One round as the arbiter saw it.</summary>
/// <param name="Loss">The weighted mean local training loss of the included clients; null when DP keeps it private.</param>
/// <param name="Seconds">From sending the round's plan to applying its sum, at the arbiter.</param>
public sealed record RoundRecord(int Round, int Participants, int Included, double? Loss, double? Epsilon, double Seconds = 0);

/// <summary>The arbiter's rounds so far, and whether its strategy has decided to stop; checkpointed with the rounds.</summary>
public sealed record RoundHistory(List<RoundRecord> Rounds, bool Stopped)
{
    public double? LastLoss => Rounds.Count > 0 ? Rounds[^1].Loss : null;
}
