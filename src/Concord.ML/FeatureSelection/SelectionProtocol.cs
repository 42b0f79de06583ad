using Concord.Federation.Messaging;

namespace Concord.ML.FeatureSelection;

/// <summary>The messages of hetero feature selection, in the order they flow.</summary>
internal static class SelectionProtocol
{
    /// <summary>Guest → each host alone: which of that host's anonymous columns the IV filters dropped, or why the run stops.</summary>
    public static readonly Tag<IvVerdict> HostIvVerdict = new("iv_verdict");

    /// <summary>Host → guest: the anonymous ids of the host's surviving columns, or why it keeps none.</summary>
    public static readonly Tag<HostOutcome> HostSelection = new("host_selection");
}

/// <summary>The host's anonymous columns the guest's IV filters dropped, with the filter; empty when none applies.</summary>
internal sealed record IvVerdict(Dictionary<string, string> DroppedBy, string? Rejection);

/// <summary>The anonymous ids of a host's kept columns, or the one-line reason it keeps none.</summary>
internal sealed record HostOutcome(string[] KeptIds, string? Problem);
