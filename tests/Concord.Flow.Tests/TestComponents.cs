using System.Text.Json.Nodes;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Flow.Components;

namespace Concord.Flow.Tests;

/// <summary>The guest sends a number to every host; each host multiplies it by its own secret and answers.</summary>
internal sealed class ScaleComponent : IFederatedComponent
{
    private static readonly Tag<double[]> Value = new("value");
    private static readonly Tag<double[]> Scaled = new("scaled_value");

    public string Type => "scale";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var ctx = run.Context;
        if (ctx.Self.Role == Role.Guest)
        {
            await ctx.Hosts.Send(Value, [run.Parameters["value"]!.GetValue<double>()], ct);
            var answers = await ctx.Hosts.ReceiveAll(Scaled, ct);
            return new ComponentOutput(Metrics: new JsonObject { ["sum"] = answers.Sum(a => a[0]) });
        }
        var value = await ctx.Guest.Receive(Value, ct);
        if (run.Parameters["fail"]?.GetValue<string>() is string failure)
        {
            throw new InvalidDataException(failure);
        }
        await ctx.Guest.Send(Scaled, [value[0] * run.Parameters["factor"]!.GetValue<double>()], ct);
        return ComponentOutput.Nothing;
    }
}
