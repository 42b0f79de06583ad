namespace Concord.ML.SecureAggregation;

/// <summary>
/// One model-sized buffer kept across rounds: a fresh 8 MB array per round costs more in page faults than the work
/// done in it. A shorter request (a validation's few values between two rounds' updates) gets an array of its own
/// rather than replacing the long one.
/// </summary>
internal static class ReusedBuffer
{
    public static ulong[] Of(ref ulong[] kept, int length) =>
        length == kept.Length ? kept : length < kept.Length ? new ulong[length] : kept = new ulong[length];
}
