using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Psi;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Private set intersection: every party keeps only the ids all parties share, in the same order.</summary>
internal static class PsiSpec
{
    public static ComponentSpec Spec { get; } = new("psi", "private set intersection of the parties' ids")
    {
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<PsiOptions>(),
    };
}
