using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Private set intersection: every party keeps only the ids all parties share, in the same order.</summary>
internal static class PsiSpec
{
    public static ComponentSpec Spec { get; } = new("psi", "private set intersection of the parties' ids")
    {
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters =
        [
            Param.Enum("method", "ecdh").Default("ecdh").Describe("ECDH-PSI over ristretto255 (libsodium)"),
            Param.String("salt").Default("").Describe("mixed into every id's hash; all parties must use the same salt"),
            Param.Enum("output", "all", "guest").Default("all")
                .Describe("who gets the intersected table: every party, or only the guest (hosts then output nothing)"),
        ],
    };
}
