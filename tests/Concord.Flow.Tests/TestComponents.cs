using System.Text.Json.Nodes;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Flow.Components;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Tests;

/// <summary>The guest sends a number to every host; each host multiplies it by its own factor and answers.</summary>
internal sealed class ScaleComponent : IFederatedComponent
{
    private static readonly Tag<double[]> Value = new("value");
    private static readonly Tag<double[]> Scaled = new("scaled_value");

    public static ComponentSpec Spec { get; } = new("scale", "test: the guest's value times each host's factor, summed")
    {
        Outputs = [OutputSpec.Metrics],
        Parameters =
        [
            Param.Double("value").Default(1.0),
            Param.Double("factor").Default(1.0).PerParty(),
            Param.String("fail").PerParty(),
            Param.Int("delay_ms").Default(0).AtLeast(0).PerParty(),
            Param.Int("hold_ms").Default(0).AtLeast(0).PerParty(),
        ],
    };

    public static ComponentCatalog Catalog { get; } = new([new ScaleComponent()], new ComponentSpecs(ComponentSpecs.Default.Append(Spec)));

    public string Type => "scale";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var ctx = run.Context;
        await Task.Delay(TimeSpan.FromMilliseconds(run.Parameters.Int("delay_ms")), ct);
        // Work that does not look at its cancellation, such as a long encryption: a cancel takes effect after it.
        await Task.Delay(TimeSpan.FromMilliseconds(run.Parameters.Int("hold_ms")), CancellationToken.None);
        ct.ThrowIfCancellationRequested();
        if (ctx.Self.Role == Role.Guest)
        {
            await ctx.Hosts.Send(Value, [run.Parameters.Double("value")], ct);
            var answers = await ctx.Hosts.ReceiveAll(Scaled, ct);
            return new ComponentOutput(Metrics: new JsonObject { ["sum"] = answers.Sum(a => a[0]) });
        }
        var value = await ctx.Guest.Receive(Value, ct);
        if (run.Parameters.String("fail") is string failure)
        {
            throw new InvalidDataException(failure);
        }
        await ctx.Guest.Send(Scaled, [value[0] * run.Parameters.Double("factor")], ct);
        return ComponentOutput.Nothing;
    }
}
