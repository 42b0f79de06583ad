using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Runtime;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The guest's line to one host: each exchange is one command in the next of this host's
/// <see cref="TrainingLoop.Steps"/>. Prediction needs only the directions query and the end; training adds the rest
/// (<see cref="RemoteHost"/>).
/// </summary>
internal class HostChannel(FederationContext ctx, PartyRef host)
{
    private readonly IEnumerator<Step> _steps = ctx.Steps().GetEnumerator();

    public PartyRef Id => host;

    /// <summary>For each (split, row) of the dataset, whether the row goes left, in one query.</summary>
    public async Task<bool[]> DirectionsAsync(BoostDataset dataset, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct)
    {
        var step = Next();
        var command = new HostCommand(HostCommandKind.Predict, Dataset: dataset, SplitIds: [.. queries.Select(q => q.Rule.SplitId)], Rows: [.. queries.Select(q => q.Row)]);
        await step.Send(Command, command, ct).ConfigureAwait(false);
        return Unpack(await step.Receive(Directions, ct).ConfigureAwait(false), queries.Count, "the split directions");
    }

    /// <summary>Ends the host's command loop with <paramref name="finish"/>.</summary>
    public Task FinishAsync(HostCommand finish, CancellationToken ct) => Next().Send(Command, finish, ct);

    /// <summary>This host alone, in the scope of the next step.</summary>
    protected PartyGroup Next()
    {
        _steps.MoveNext();
        return _steps.Current.Group([host]);
    }

    protected bool[] Unpack(byte[] mask, int count, string what)
    {
        try
        {
            return BitMask.Unpack(mask, count, what);
        }
        catch (InvalidDataException ex)
        {
            throw new FederationException($"host {host}: {ex.Message}", host, ex);
        }
    }
}
