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
            Param.Enum("method", "ecdh", "rsa").Default("ecdh")
                .Describe("ecdh: Diffie–Hellman over ristretto255 (libsodium); rsa: RSA blind signatures as in FATE 1.x, each host holding a key"),
            Param.String("salt").Default("").Describe("mixed into every id's hash; all parties must use the same salt"),
            Param.Enum("output", "all", "guest").Default("all")
                .Describe("who gets the intersected table: every party, or only the guest (hosts then output nothing)"),
            Param.Int("key_bits").Between(1024, 4096).Default(2048)
                .Describe("method rsa: the size of each host's RSA key; below 1024 bits is refused"),
        ],
    };
}
