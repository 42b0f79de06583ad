namespace Concord.ML.Runtime;

/// <summary>
/// A piece of a role's state that survives a restart: the runtime's loops save it with each checkpoint and restore it
/// before the first step of a resumed run. A role passes its pieces to the loop (<c>ctx.Epochs(…, [weights, history])</c>)
/// and never handles checkpoints itself.
/// </summary>
public interface IResumable
{
    byte[] Save();

    void Restore(byte[] saved);
}
