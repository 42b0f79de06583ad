using Concord.Data;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>One party's sample of its own rows: random, or SMOTE for up-sampled classes.</summary>
internal static class LocalSample
{
    public static PartyTable Of(PartyTable table, SampleOptions options, long seed) =>
        options.Method == SampleMethod.Smote ? Smote.Apply(table, options, seed) : SampleProtocol.Take(table, SamplePlan.Of(table, options, seed));
}
