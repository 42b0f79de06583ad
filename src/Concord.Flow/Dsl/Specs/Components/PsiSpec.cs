using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Private set intersection: every party keeps only the ids all parties share.</summary>
internal static class PsiSpec
{
    public static ComponentSpec Spec { get; } = new("psi", "private set intersection of the parties' ids")
    {
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters =
        [
            Param.Enum("protocol", "ecdh").Default("ecdh").Describe("ECDH over ristretto255"),
            Param.Bool("only_output_key").Default(false).Describe("output only the shared ids, not the rows"),
        ],
    };
}
