namespace Concord.Crypto.Rsa;

/// <summary>
/// Values blinded for a signer, packed as <see cref="RsaBlindSignatures"/> does, with the r⁻¹ mod n that removes
/// each blinding factor from the signature. <see cref="Unblinders"/> never leaves the party that blinded.
/// </summary>
public sealed record RsaBlinding(byte[] Blinded, byte[] Unblinders);
