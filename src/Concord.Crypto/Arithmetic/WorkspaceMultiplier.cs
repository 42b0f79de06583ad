namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Ordinary modular multiplication through a backend's workspace (multiply, then divide), for backends without
/// Montgomery arithmetic. It works in two registers of the caller's frame.
/// </summary>
/// <param name="left">A scratch register of <paramref name="ws"/>.</param>
/// <param name="right">Another scratch register.</param>
/// <param name="modulus">A register holding m.</param>
internal sealed class WorkspaceMultiplier(Workspace ws, int left, int right, int modulus, int limbs) : ModularMultiplier
{
    public override int Limbs => limbs;

    public override void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch)
    {
        ws.Set(left, a);
        ws.Set(right, b);
        ws.MulMod(left, left, right, modulus);
        ws.CopyTo(left, result[..limbs]);
    }
}
