using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.ML.Psi;

namespace Concord.Flow.Components;

/// <summary>
/// ECDH private set intersection: each party's output table is its input restricted to the ids every party holds,
/// rows ordered by id (ordinal) so that they line up across parties.
/// </summary>
public sealed class PsiComponent : IFederatedComponent
{
    public string Type => "psi";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var options = new PsiOptions(
            run.Parameters.String("salt") ?? "",
            run.Parameters.String("output") is "guest" ? PsiOutput.Guest : PsiOutput.All);
        run.Log($"intersecting {table.RowCount} ids");
        var result = run.Context.Self.Role == Role.Guest
            ? await new PsiGuest(run.Context).RunAsync(table.Ids, options, ct).ConfigureAwait(false)
            : await new PsiHost(run.Context).RunAsync(table.Ids, options, ct).ConfigureAwait(false);
        if (result.Rows is not int[] rows)
        {
            run.Log("the intersection goes to the guest only");
            return new ComponentOutput(Metrics: Metrics(table.RowCount, null, result.Timings));
        }
        run.Log($"{rows.Length} of {table.RowCount} ids are shared");
        return new ComponentOutput(RowSelection.Select(table, rows), Metrics(table.RowCount, rows.Length, result.Timings));
    }

    private static JsonObject Metrics(int rows, int? shared, PsiTimings timings) => new()
    {
        ["input_count"] = rows,
        ["intersect_count"] = shared,
        ["intersect_rate"] = shared is int n ? (double)n / rows : null,
        ["seconds"] = new JsonObject
        {
            ["hash_to_group"] = timings.HashToGroup,
            ["scalar_multiplication"] = timings.ScalarMultiplication,
            ["exchange"] = timings.Exchange,
            ["matching"] = timings.Matching,
        },
    };
}
