using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Dsl;

/// <summary>The job file's <c>job</c> section.</summary>
/// <param name="Seed">The root of every random choice the protocol makes in the open (initial weights, batch order, splits), so a rerun is the same run. Never a source of secret randomness: masks and keys come from the system's CSPRNG.</param>
/// <param name="CheckpointEvery">Iterative components save their state every this many iterations; 0 turns checkpoints off.</param>
public sealed record JobSettings(string Name, TimeSpan Timeout, long Seed, int CheckpointEvery)
{
    /// <summary>What the <c>job</c> section may set. Read with the same machinery as component parameters.</summary>
    public static IReadOnlyList<ParameterSpec> Fields { get; } =
    [
        Param.String("name").Describe("a name for people; job ids are generated"),
        Param.Int("timeout").Between(1, 30 * 24 * 3600).Default(3600).Describe("seconds the whole job may take"),
        Param.Int("seed").Default(0),
        Param.Int("checkpoint_every").Between(0, 1_000_000).Default(5),
    ];

    /// <summary>
    /// A seed for one component, derived from the job's seed and the component's name, so that every party
    /// draws the same shared values and adding a component elsewhere in the DAG does not shift them.
    /// </summary>
    public long SeedFor(string component)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}/{component}"));
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }
}
