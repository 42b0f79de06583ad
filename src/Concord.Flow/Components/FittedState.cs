namespace Concord.Flow.Components;

/// <summary>
/// The pattern of a transform with fitted state (data_transform's): fit on the training rows, or, given a model as
/// input_model, apply that model to new rows unchanged. Errors of fitting name the party.
/// </summary>
internal static class FittedState
{
    public const string InputModel = "input_model";

    /// <summary>The fitted state given as input_model, or null when the component is to fit its own.</summary>
    public static T? Replayed<T>(ComponentRun run, string type, Func<byte[], string, T> read)
        where T : class
    {
        var self = run.Context.Self;
        if (!run.Slots.Contains(InputModel))
        {
            return null;
        }
        return run.Models.TryGetValue(InputModel, out var bytes)
            ? read(bytes, $"party {self}'s input_model")
            : throw new ArgumentException($"party {self}: input_model holds no {type} model at this party; load one with model_loader from its registry");
    }

    /// <summary>Runs <paramref name="step"/>, naming this party in any refusal of the data.</summary>
    public static T AtParty<T>(ComponentRun run, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"party {run.Context.Self}: {ex.Message}", ex);
        }
    }
}
