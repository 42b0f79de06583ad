using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.JobParameters;
using Concord.ML.Psi;

namespace Concord.Flow.Components;

/// <summary>
/// Private set intersection, by ECDH or by RSA blind signatures: each party's output table is its input restricted
/// to the ids every party holds, rows ordered by id (ordinal) so that they line up across parties.
/// </summary>
public sealed class PsiComponent : IFederatedComponent
{
    public string Type => "psi";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var options = OptionsBinder.Bind<PsiOptions>(run.Parameters, PsiSpec.Spec);
        run.Log(options.Method == PsiMethod.Rsa
            ? $"intersecting {table.RowCount} ids by RSA blind signatures ({options.RsaKeyBits}-bit keys)"
            : $"intersecting {table.RowCount} ids by ECDH");
        var ctx = run.Context;
        var result = await ((options.Method, ctx.Self.Role) switch
        {
            (PsiMethod.Rsa, Role.Guest) => new RsaPsiGuest(ctx).RunAsync(table.Ids, options, ct),
            (PsiMethod.Rsa, _) => new RsaPsiHost(ctx).RunAsync(table.Ids, options, ct),
            (_, Role.Guest) => new EcdhPsiGuest(ctx).RunAsync(table.Ids, options, ct),
            _ => new EcdhPsiHost(ctx).RunAsync(table.Ids, options, ct),
        }).ConfigureAwait(false);
        if (result.Rows is not int[] rows)
        {
            run.Log("the intersection goes to the guest only");
            return new ComponentOutput(Metrics: Metrics(options, table.RowCount, null, result.Timings));
        }
        run.Log($"{rows.Length} of {table.RowCount} ids are shared");
        return new ComponentOutput(RowSelection.Select(table, rows), Metrics(options, table.RowCount, rows.Length, result.Timings));
    }

    private static JsonObject Metrics(PsiOptions options, int rows, int? shared, PsiTimings timings) => new()
    {
        ["method"] = WireNames.Of(options.Method),
        ["input_count"] = rows,
        ["intersect_count"] = shared,
        ["intersect_rate"] = shared is int n ? (double)n / rows : null,
        ["seconds"] = new JsonObject
        {
            ["hashing"] = timings.Hashing,
            ["exponentiation"] = timings.Exponentiation,
            ["key_generation"] = timings.KeyGeneration,
            ["exchange"] = timings.Exchange,
            ["matching"] = timings.Matching,
        },
    };
}
